/** The part of archiver 5 the results export uses (the package ships no types, and @types is not installed). */
declare module 'archiver' {
  import type { Readable } from 'node:stream';

  interface EntryData {
    name: string;
    /** Stored as is: PDFs and XLSX are compressed already. */
    store?: boolean;
    date?: Date;
  }

  interface Archiver extends Readable {
    append(source: Buffer | Readable | string, data: EntryData): this;
    file(path: string, data: EntryData): this;
    finalize(): Promise<void>;
    abort(): this;
  }

  function archiver(format: 'zip', options?: { zlib?: { level?: number } }): Archiver;
  export default archiver;
}
