/** Enrollment codes as stored: only their digest, so a code can be checked but never read back. */
import type { Kysely } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

/** True while a code, given in clear, is still unused and unexpired. */
export async function isEnrollmentCodeUsable(db: Kysely<CentralDB>, codeHash: string, now: number): Promise<boolean> {
  const row = await db
    .selectFrom('enrollment_codes')
    .select('code_hash')
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}
