/**
 * A table as the dashboard shows it and exports it (CSV, XLSX): one list of columns, so a screen
 * and its download never disagree. A cell is text or a number; money is in rubles.
 */
import { formatNumberRu } from '../messages/numbers.ts';
import { formatRubles } from '../tariff.ts';

export type CellKind = 'text' | 'count' | 'money';

export interface Column<R> {
  label: string;
  kind: CellKind;
  /** Text, a count, or money in kopecks. */
  value: (row: R) => string | number;
}

export interface TableSpec<R> {
  /** The sheet's and the file's name. */
  title: string;
  columns: Column<R>[];
}

/** What a cell exports: money in rubles (a number a spreadsheet can add up), the rest as it is. */
export function exportValue<R>(c: Column<R>, row: R): string | number {
  const v = c.value(row);
  return c.kind === 'money' && typeof v === 'number' ? v / 100 : v;
}

/** What a cell shows on screen. */
export function displayValue<R>(c: Column<R>, row: R): string {
  const v = c.value(row);
  if (typeof v === 'string') return v;
  return c.kind === 'money' ? formatRubles(v) : formatNumberRu(v);
}

export const text = <R>(label: string, value: (r: R) => string): Column<R> => ({ label, kind: 'text', value });
export const count = <R>(label: string, value: (r: R) => number): Column<R> => ({ label, kind: 'count', value });
export const money = <R>(label: string, value: (r: R) => number): Column<R> => ({ label, kind: 'money', value });

const moscow = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Moscow',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** «02.12.2026, 07:38»: a moment in Moscow time, as the tables show and export it; '' for none. */
export function formatMomentMsk(ms: number | null): string {
  return ms === null ? '' : moscow.format(new Date(ms));
}
