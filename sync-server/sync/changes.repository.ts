/**
 * The per-school change feed. A school's cursor is bumped on its row in the same transaction
 * that writes the changes; on PostgreSQL that row lock serialises writers of one school, so
 * per-school sequence order is commit order and a pull by cursor never skips a late commit.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ChangeEntity } from '../../core/contracts/sync.ts';
import type { CentralDB } from '../db/schema.ts';
import { gatherPart, insertChunked, isGathering, isPostgres, JsonText, pgRecords } from './batch.ts';

export interface NewChange {
  entity: ChangeEntity;
  key: string;
  data: unknown;
}

export async function appendSchoolChanges(
  trx: Kysely<CentralDB> | Transaction<CentralDB>,
  schoolId: string,
  changes: readonly NewChange[],
): Promise<void> {
  const n = changes.length;
  if (isPostgres(trx)) {
    // The cursor bump and the rows it numbers in one statement (or one part of the push's).
    const rows = changes.map((c, i) => ({ i, entity: c.entity, key: c.key, data: JSON.stringify(c.data) }));
    const bump = sql`update schools set change_seq = change_seq + ${n} where id = ${schoolId} returning change_seq`;
    const write = (cursor: string) => sql`insert into changes (school_id, seq, entity, key, data)
        select ${schoolId}, s.change_seq - ${n} + 1 + r.i, r.entity, r.key, r.data
        from ${sql.raw(cursor)} as s, ${pgRecords(rows, sql`i int8, entity text, key text, data text`)}`;
    if (isGathering(trx)) {
      gatherPart(trx, write(gatherPart(trx, bump)));
      return;
    }
    const { rows: out } = await sql<{ change_seq: number }>`
      with s as (${bump}), written as (${write('s')}) select change_seq from s`.execute(trx);
    if (!out[0]) throw new Error(`school ${schoolId} not found`);
    return;
  }
  const row = await trx
    .updateTable('schools')
    .set((eb) => ({ change_seq: eb('change_seq', '+', n) }))
    .where('id', '=', schoolId)
    .returning('change_seq')
    .executeTakeFirstOrThrow();
  const first = row.change_seq - n + 1;
  await insertChunked(
    trx,
    'changes',
    changes.map((c, i) => ({
      school_id: schoolId,
      seq: first + i,
      entity: c.entity,
      key: c.key,
      data: new JsonText(c.data),
    })),
  );
}

/** Locks the schools a batch will write, in id order (so two batches never deadlock). */
export async function lockSchools(
  trx: Transaction<CentralDB>,
  dialect: string,
  schoolIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(schoolIds)].sort();
  // SQLite has one writer at a time already; PostgreSQL needs the row locks.
  if (dialect !== 'postgres' || ids.length === 0) return;
  await trx.selectFrom('schools').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
}
