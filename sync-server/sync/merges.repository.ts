/**
 * Registrations merged into another of the same student (issue 13, migration 011): a retired id
 * maps to the kept one, so a PC's late work for it is decided for the kept registration.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
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

/**
 * What became of these participants, in one read for a push batch: the erased ones
 * (privacy/erasure.repository.ts; their changes are refused) and the retired ones, each with the
 * id it was merged into. Two indexed look-ups as one statement (one round trip on PostgreSQL).
 */
export async function fatesOf(
  db: Db,
  ids: Iterable<string>,
): Promise<{ erased: Set<string>; keptOf: Map<string, string> }> {
  const list = [...new Set(ids)];
  const erased = new Set<string>();
  const keptOf = new Map<string, string>();
  if (list.length === 0) return { erased, keptOf };
  const rows = await db
    .selectFrom('erased_participants')
    .select(['participant_id as id', sql<string | null>`null`.as('kept_id')])
    .where('participant_id', 'in', list)
    .unionAll(
      db.selectFrom('participant_merges').select(['retired_id as id', 'kept_id']).where('retired_id', 'in', list),
    )
    .execute();
  for (const r of rows) {
    if (r.kept_id === null) erased.add(r.id);
    else keptOf.set(r.id, r.kept_id);
  }
  return { erased, keptOf };
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

/**
 * A merge (or an erasure) and a push of the same student take turns (PostgreSQL; SQLite has one
 * writer anyway). Each takes its students' locks first, before any other lock and before the push
 * reads the merge mapping: a merge or an erasure exclusively ('remove'), a push shared ('write':
 * pushes do not wait for each other, only for a removal). So a push that reaches a registration
 * while it is being merged waits for the merge to commit and then reads the retired id's mapping,
 * and a merge waits for the pushes in flight, whose answers it then reads and moves (issue 13).
 * The locks are advisory ones keyed by the id, not the students' rows: a registration the server
 * refused (a taken e-mail) has no row, and its parked work must take turns with a merge as well.
 * They are taken in key order, so two takers never wait on each other in a circle; a push that
 * then takes the kept ids' locks too may meet a merge in a deadlock, which PostgreSQL breaks and
 * withRetry runs again.
 */
export async function lockRegistrations(
  trx: Transaction<CentralDB>,
  dialect: string,
  ids: Iterable<string>,
  mode: 'remove' | 'write',
): Promise<void> {
  if (dialect !== 'postgres') return;
  const keys = [...new Set([...ids].map(lockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return;
  const take = mode === 'remove' ? sql`pg_advisory_xact_lock(k)` : sql`pg_advisory_xact_lock_shared(k)`;
  // unnest yields the array's order, so the locks are taken in key order.
  await sql`select ${take} from unnest(${keys.map(String)}::bigint[]) as k`.execute(trx);
}

/** A student's advisory lock key: 64 bits of the id's SHA-1 (a collision only makes two wait). */
function lockKey(id: string): bigint {
  return createHash('sha1').update(id).digest().readBigInt64BE(0);
}
