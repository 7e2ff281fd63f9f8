/**
 * The results exports' state in the central store (migration 016), read by every node and written
 * by the node that builds the archive. One running export per school is the store's rule (a
 * partial unique index): a node that loses the race for it is told which export runs.
 */
import { sql, type Kysely } from 'kysely';
import type { CentralDB, ResultsExportsTable } from '../db/schema.ts';

export type ExportRow = ResultsExportsTable;

/** The export of this school with this id: another school's id reads as no export at all. */
export function exportRow(db: Kysely<CentralDB>, schoolId: string, id: string): Promise<ExportRow | undefined> {
  return db
    .selectFrom('results_exports')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The school's latest export. */
export function latestExportRow(db: Kysely<CentralDB>, schoolId: string): Promise<ExportRow | undefined> {
  return db
    .selectFrom('results_exports')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function runningExportRow(db: Kysely<CentralDB>, schoolId: string): Promise<ExportRow | undefined> {
  return db
    .selectFrom('results_exports')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('status', '=', 'running')
    .executeTakeFirst();
}

/**
 * Which exports read as failed, with why: the school's running one its node stopped updating
 * before `silentBefore`, a ready one whose node no longer answers for its archive, or every ready
 * one of a node that closes (its archives go with it).
 */
export type FailedExports =
  | { running: true; schoolId: string; silentBefore: number }
  | { running: false; id: string }
  | { running: false; nodeUrl: string };

export async function failExports(
  db: Kysely<CentralDB>,
  which: FailedExports,
  message: string,
  now: number,
): Promise<void> {
  let q = db
    .updateTable('results_exports')
    .set({ status: 'failed', message, finished_at: now })
    .where('status', '=', which.running ? 'running' : 'ready');
  if ('schoolId' in which) q = q.where('school_id', '=', which.schoolId).where('updated_at', '<', which.silentBefore);
  if ('id' in which) q = q.where('id', '=', which.id);
  if ('nodeUrl' in which) q = q.where('node_url', '=', which.nodeUrl);
  await q.execute();
}

/** Records a new running export; false when the school already has one (on any node). */
export async function claimRunningExport(db: Kysely<CentralDB>, row: ExportRow): Promise<boolean> {
  const r = await db
    .insertInto('results_exports')
    .values(row)
    // The index predicate as a literal: SQLite matches a partial index only by its very text.
    .onConflict((oc) => oc.column('school_id').where('status', '=', sql.lit('running')).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The school's exports other than `keepId` that no longer run: a new one takes their place. */
export async function deleteOtherExports(db: Kysely<CentralDB>, schoolId: string, keepId: string): Promise<void> {
  await db
    .deleteFrom('results_exports')
    .where('school_id', '=', schoolId)
    .where('id', '!=', keepId)
    .where('status', '!=', 'running')
    .execute();
}

export async function updateExport(
  db: Kysely<CentralDB>,
  id: string,
  set: Partial<Pick<ExportRow, 'status' | 'done' | 'finished_at' | 'updated_at' | 'bytes' | 'message'>>,
): Promise<void> {
  await db.updateTable('results_exports').set(set).where('id', '=', id).execute();
}

export async function deleteExport(db: Kysely<CentralDB>, id: string): Promise<void> {
  await db.deleteFrom('results_exports').where('id', '=', id).execute();
}
