/**
 * A dashboard table as a download: CSV for any spreadsheet, XLSX (exceljs) with numbers as
 * numbers. The columns are the screen's own (core/tables), so a download matches what was shown.
 */
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import type { ExportFormat } from '../../core/contracts/dashboard.ts';
import { toCsv } from '../../core/csv.ts';
import { exportValue, type TableSpec } from '../../core/tables/table.ts';

/** A file name any OS keeps: the table's title with only letters, digits and dashes. */
function fileName(title: string, format: ExportFormat): string {
  const base = title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'table';
  return `${base}.${format}`;
}

export async function tableFile<R>(spec: TableSpec<R>, rows: readonly R[], format: ExportFormat): Promise<Buffer> {
  const header = spec.columns.map((c) => c.label);
  const body = rows.map((r) => spec.columns.map((c) => exportValue(c, r)));
  if (format === 'csv') return Buffer.from(toCsv(header, body), 'utf8');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(spec.title.slice(0, 31));
  sheet.addRow(header).font = { bold: true };
  for (const r of body) sheet.addRow(r);
  spec.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.min(60, Math.max(10, c.label.length + 2, ...body.map((r) => String(r[i] ?? '').length + 2)));
    if (c.kind === 'money') col.numFmt = '#,##0.00';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function sendTable<R>(res: Response, spec: TableSpec<R>, rows: readonly R[], format: ExportFormat) {
  const type =
    format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const name = fileName(spec.title, format);
  res
    .type(type)
    .set('Content-Disposition', `attachment; filename="table.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(await tableFile(spec, rows, format));
}
