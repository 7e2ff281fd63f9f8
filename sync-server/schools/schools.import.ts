/**
 * `import-schools FILE.csv`: columns region code, locality, school name. Every bad row is
 * reported by its line and skipped; the good rows are imported together in one transaction.
 * A school already in the directory is counted, not duplicated, so a fixed file can be re-run.
 */
import type { Kysely } from 'kysely';
import { isStorableText } from '../../core/contracts/common.ts';
import { findRegion } from '../../core/data/regions.ts';
import { importMessages as m } from '../../core/messages/accounts.ts';
import { parseCsv, withoutHeader, type CsvRecord } from '../../core/csv.ts';
import type { CentralDB } from '../db/schema.ts';
import { ensureSchool, tidy, type SchoolIdentity } from './schools.repository.ts';

export const SCHOOL_HEADER_TITLES = ['region', 'регион', 'код региона', 'код'] as const;

export interface ImportReport {
  imported: number;
  skipped: number;
  bad: { line: number; reason: string }[];
}

/** Accepts «7» for «07», as spreadsheets drop leading zeros. */
export function regionCode(raw: string): string | undefined {
  const code = /^\d$/.test(raw) ? `0${raw}` : raw;
  return findRegion(code) ? code : undefined;
}

/** Checks the three school columns starting at `at`; returns the school or the reason it is bad. */
export function schoolFrom(cells: readonly string[], at: number): SchoolIdentity | string {
  if (!cells.slice(at).every(isStorableText)) return m.unstorable;
  const [rawRegion = '', locality = '', name = ''] = cells.slice(at).map(tidy);
  const region = regionCode(rawRegion);
  if (!region) return m.badRegion(rawRegion);
  if (!locality) return m.noLocality;
  if (!name) return m.noSchoolName;
  if (locality.length > 200) return m.tooLong('Населенный пункт', 200);
  if (name.length > 500) return m.tooLong('Название образовательной организации', 500);
  return { region, locality, name };
}

export async function importSchools(db: Kysely<CentralDB>, now: number, records: CsvRecord[]): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, skipped: 0, bad: [] };
  const seen = new Map<string, number>();
  const good: SchoolIdentity[] = [];
  for (const { line, cells } of records) {
    if (cells.length < 3) {
      report.bad.push({ line, reason: m.tooFewColumns(3, cells.length) });
      continue;
    }
    const school = schoolFrom(cells, 0);
    if (typeof school === 'string') {
      report.bad.push({ line, reason: school });
      continue;
    }
    const key = `${school.region}|${school.locality}|${school.name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report.bad.push({ line, reason: m.duplicateInFile(first) });
      continue;
    }
    seen.set(key, line);
    good.push(school);
  }
  await db.transaction().execute(async (trx) => {
    for (const s of good) {
      const { created } = await ensureSchool(trx, s, now);
      if (created) report.imported++;
      else report.skipped++;
    }
  });
  return report;
}

/** Reads a CSV file's text (its own title line skipped) and imports it; unreadable rows join the bad ones. */
export async function readAndImport<R extends ImportReport>(
  text: string,
  titles: readonly string[],
  run: (records: CsvRecord[]) => Promise<R>,
): Promise<R> {
  const { records, errors } = parseCsv(text);
  const report = await run(withoutHeader(records, titles));
  report.bad = [...errors, ...report.bad].sort((a, b) => a.line - b.line);
  return report;
}

/** `import-schools` and the dashboard's «Импорт из CSV» alike. */
export function importSchoolsCsv(db: Kysely<CentralDB>, now: number, text: string): Promise<ImportReport> {
  return readAndImport(text, SCHOOL_HEADER_TITLES, (records) => importSchools(db, now, records));
}
