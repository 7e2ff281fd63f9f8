/**
 * The per-school change feed. A school's cursor is bumped on its row in the same transaction
 * that writes the changes; on PostgreSQL that row lock serialises writers of one school, so
 * per-school sequence order is commit order and a pull by cursor never skips a late commit.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ChangeEntity } from '../../core/contracts/sync.ts';
import type { CentralDB } from '../db/schema.ts';
import { insertChunked } from './batch.ts';

export interface NewChange {
  entity: ChangeEntity;
  key: string;
  data: unknown;
}

export async function appendSchoolChanges(
  trx: Kysely<CentralDB> | Transaction<CentralDB>,
  schoolId: string,
  changes: readonly NewChange[],
): Promise<number> {
  const row = await trx
    .updateTable('schools')
    .set((eb) => ({ change_seq: eb('change_seq', '+', changes.length) }))
    .where('id', '=', schoolId)
    .returning('change_seq')
    .executeTakeFirstOrThrow();
  const first = row.change_seq - changes.length + 1;
  await insertChunked(
    trx,
    'changes',
    changes.map((c, i) => ({
      school_id: schoolId,
      seq: first + i,
      entity: c.entity,
      key: c.key,
      data: JSON.stringify(c.data),
    })),
  );
  return row.change_seq;
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
