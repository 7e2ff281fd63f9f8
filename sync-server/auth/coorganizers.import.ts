/**
 * `import-coorganizers FILE.csv`: columns e-mail, full name, region code, locality, school name
 * and, optionally, password (an empty one is generated and printed once). Bad rows are reported
 * by line and skipped; the good ones are imported in one transaction. A missing school is added
 * to the directory; an e-mail already imported for the same school is counted, not changed, so
 * a fixed file can be re-run.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isStorableText, PasswordRule } from '../../core/contracts/common.ts';
import { importMessages as m } from '../../core/messages/accounts.ts';
import { hashPassword } from '../../core/node/password.ts';
import type { CsvRecord } from '../../core/csv.ts';
import type { CentralDB } from '../db/schema.ts';
import { readAndImport, schoolFrom, type ImportReport } from '../schools/schools.import.ts';
import { ensureSchool, tidy, type SchoolIdentity } from '../schools/schools.repository.ts';
import { generatePassword } from './passwords.ts';
import { createUser, findUserByEmail, normalizeEmail } from './users.repository.ts';

export const COORGANIZER_HEADER_TITLES = ['email', 'e-mail', 'почта', 'электронная почта'] as const;

const Email = z.email().max(254);

interface Row {
  line: number;
  email: string;
  fullName: string;
  school: SchoolIdentity;
  password: string;
  generated: boolean;
}

export interface CoorganizerReport extends ImportReport {
  /** Passwords made for rows without one: shown once, to hand to each co-organizer. */
  generated: { line: number; email: string; password: string }[];
  /** Lines whose school was not in the directory yet and was added. */
  schoolsCreated: number[];
}

function rowFrom(line: number, cells: string[]): Row | string {
  if (cells.length < 5) return m.tooFewColumns(5, cells.length);
  if (!cells.every(isStorableText)) return m.unstorable;
  const email = normalizeEmail(cells[0]!);
  if (!Email.safeParse(email).success) return m.badEmail(cells[0]!);
  const fullName = tidy(cells[1]!);
  if (!fullName) return m.noFullName;
  if (fullName.length > 200) return m.tooLong('ФИО', 200);
  const school = schoolFrom(cells, 2);
  if (typeof school === 'string') return school;
  const given = cells[5] ?? '';
  if (given) {
    const ok = PasswordRule.safeParse(given);
    if (!ok.success) return m.badPassword(ok.error.issues[0]?.message ?? '');
  }
  return { line, email, fullName, school, password: given || generatePassword(), generated: !given };
}

export async function importCoorganizers(
  db: Kysely<CentralDB>,
  now: number,
  records: CsvRecord[],
): Promise<CoorganizerReport> {
  const report: CoorganizerReport = { imported: 0, skipped: 0, bad: [], generated: [], schoolsCreated: [] };
  const seen = new Map<string, number>();
  const fresh: (Row & { hash: string })[] = [];
  for (const { line, cells } of records) {
    const row = rowFrom(line, cells);
    if (typeof row === 'string') {
      report.bad.push({ line, reason: row });
      continue;
    }
    const first = seen.get(row.email);
    if (first !== undefined) {
      report.bad.push({ line, reason: m.duplicateInFile(first) });
      continue;
    }
    seen.set(row.email, line);
    const existing = await findUserByEmail(db, row.email);
    if (existing) {
      const sameSchool =
        existing.role === 'coorganizer' &&
        existing.school_id !== null &&
        (await isSchool(db, existing.school_id, row.school));
      if (sameSchool) report.skipped++;
      else
        report.bad.push({
          line,
          reason:
            existing.role === 'organizer'
              ? m.emailIsOrganizer
              : existing.role === 'support'
                ? m.emailIsSupport
                : m.emailTaken,
        });
      continue;
    }
    // Hashing (scrypt) happens before the transaction, so the write lock is held only briefly.
    fresh.push({ ...row, hash: await hashPassword(row.password) });
  }
  await db.transaction().execute(async (trx) => {
    for (const row of fresh) {
      const { school, created } = await ensureSchool(trx, row.school, now);
      if (created) report.schoolsCreated.push(row.line);
      await createUser(
        trx,
        { role: 'coorganizer', email: row.email, fullName: row.fullName, passwordHash: row.hash, schoolId: school.id },
        now,
      );
      report.imported++;
      if (row.generated) report.generated.push({ line: row.line, email: row.email, password: row.password });
    }
  });
  return report;
}

async function isSchool(db: Kysely<CentralDB>, id: string, s: SchoolIdentity): Promise<boolean> {
  const row = await db
    .selectFrom('schools')
    .select(['region', 'locality', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
  return !!row && row.region === s.region && row.locality === tidy(s.locality) && row.name === tidy(s.name);
}

/** `import-coorganizers` and the dashboard's «Импорт из CSV» alike. */
export function importCoorganizersCsv(db: Kysely<CentralDB>, now: number, text: string): Promise<CoorganizerReport> {
  return readAndImport(text, COORGANIZER_HEADER_TITLES, (records) => importCoorganizers(db, now, records));
}
