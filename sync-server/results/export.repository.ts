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

/** Marks the school's running export failed when its node stopped updating it before `silentSince`. */
export async function failSilentExports(
  db: Kysely<CentralDB>,
  schoolId: string,
  silentSince: number,
  message: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('results_exports')
    .set({ status: 'failed', message, finished_at: now })
    .where('school_id', '=', schoolId)
    .where('status', '=', 'running')
    .where('updated_at', '<', silentSince)
    .execute();
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

/** Marks a ready export failed (its node no longer answers for its archive). */
export async function failReadyExport(db: Kysely<CentralDB>, id: string, message: string, now: number): Promise<void> {
  await db
    .updateTable('results_exports')
    .set({ status: 'failed', message, finished_at: now })
    .where('id', '=', id)
    .where('status', '=', 'ready')
    .execute();
}

export async function deleteExport(db: Kysely<CentralDB>, id: string): Promise<void> {
  await db.deleteFrom('results_exports').where('id', '=', id).execute();
}

/** A node that closes takes its archives with it: its ready exports read as failed with `message`. */
export async function failNodeExports(
  db: Kysely<CentralDB>,
  nodeUrl: string,
  message: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('results_exports')
    .set({ status: 'failed', message, finished_at: now })
    .where('node_url', '=', nodeUrl)
    .where('status', '=', 'ready')
    .execute();
}
