/** Enrollment codes as stored: only their digest, so a code can be checked but never read back. */
import type { Kysely } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

/** The school of a code (by its digest) while it is still unused and unexpired. */
export function usableEnrollmentCode(db: Kysely<CentralDB>, codeHash: string, now: number) {
  return db
    .selectFrom('enrollment_codes')
    .select('school_id')
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** True while a code, given in clear, is still unused and unexpired. */
export async function isEnrollmentCodeUsable(db: Kysely<CentralDB>, codeHash: string, now: number): Promise<boolean> {
  return (await usableEnrollmentCode(db, codeHash, now)) !== undefined;
}
