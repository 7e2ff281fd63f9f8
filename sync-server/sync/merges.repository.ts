/**
 * Registrations merged into another of the same student (issue 13, migration 011): a retired id
 * maps to the kept one, so a PC's late work for it is decided for the kept registration.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

type Db = Kysely<CentralDB> | Transaction<CentralDB>;

/** Retired ids among these, each with the id it was merged into. */
export async function keptIdsOf(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await db
    .selectFrom('participant_merges')
    .select(['retired_id', 'kept_id'])
    .where('retired_id', 'in', list)
    .execute();
  return new Map(rows.map((r) => [r.retired_id, r.kept_id]));
}

/** A retired registration's e-mail in the campaign, for sign-in to refuse with a reason. */
export async function isRetiredEmail(db: Db, campaignId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('participant_merges')
    .select('retired_id')
    .where('campaign_id', '=', campaignId)
    .where('retired_email', '=', email)
    .executeTakeFirst();
  return !!row;
}
