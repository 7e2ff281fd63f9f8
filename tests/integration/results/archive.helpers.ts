/** Opens a results archive as a teacher's unzip tool would: its file names, each PDF, the summary rows. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export interface ResultsArchive {
  /** Every entry's name as stored (UTF-8), in archive order. */
  names: string[];
  /** Whether every entry's header sets the UTF-8 names flag (general purpose bit 11). */
  utf8Flagged: boolean;
  pdfs: Map<string, Uint8Array>;
  /** The summary sheet: its header row, then one row of cell values per student. */
  header: string[];
  rows: (string | number)[][];
}

/** Whether every central directory entry sets the UTF-8 names flag, read from the end record on. */
function namesFlaggedUtf8(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end of central directory record: 22 bytes, the archive has no comment.
  const end = bytes.length - 22;
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error('no end of central directory record');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`central directory entry ${n} not found`);
    if ((view.getUint16(at + 8, true) & 0x0800) === 0) return false;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return count > 0;
}

export async function openResultsArchive(
  bytes: Uint8Array,
  summaryName = 'Сводная таблица.xlsx',
): Promise<ResultsArchive> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const pdfs = new Map<string, Uint8Array>();
  for (const name of names.filter((n) => n.endsWith('.pdf'))) pdfs.set(name, await zip.file(name)!.async('uint8array'));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await zip.file(summaryName)!.async('nodebuffer')) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const values: (string | number)[][] = [];
  sheet.eachRow((row) => values.push((row.values as (string | number)[]).slice(1)));
  const [header = [], ...rows] = values;
  return { names, utf8Flagged: namesFlaggedUtf8(bytes), pdfs, header: header.map(String), rows };
}
