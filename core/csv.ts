/**
 * A small CSV reader for the admin imports. Spreadsheets in Russia export with «;» as often as
 * with «,», so the separator is taken from the first line; quotes follow RFC 4180. Every record
 * keeps the line number it starts on, because each problem is reported by line.
 */
import { importMessages } from './messages/accounts.ts';

export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface CsvResult {
  records: CsvRecord[];
  /** A record that could not be read at all (an unclosed quote swallows the rest of the file). */
  errors: { line: number; reason: string }[];
}

function separatorOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const counts = [';', ',', '\t'].map((s) => [s, first.split(s).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

export function parseCsv(input: string): CsvResult {
  const text = input.replace(/^\uFEFF/, '');
  const sep = separatorOf(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) records.push({ line: start, cells: cells.map((c) => c.trim()) });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (quoted) return { records, errors: [{ line: start, reason: importMessages.unclosedQuote }] };
  endRecord();
  return { records, errors: [] };
}

/** Drops a first line of column titles, recognised by its first cell. */
export function withoutHeader(records: CsvRecord[], titles: readonly string[]): CsvRecord[] {
  const first = records[0]?.cells[0]?.toLowerCase();
  return first !== undefined && titles.includes(first) ? records.slice(1) : records;
}

/** One CSV cell: quoted when it holds the separator, a quote or a line break. */
function cell(v: string | number): string {
  const s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A table as CSV for a spreadsheet in Russia: «;» between cells (Excel's separator there),
 * CRLF lines and a byte-order mark, so Excel reads Cyrillic as UTF-8.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
