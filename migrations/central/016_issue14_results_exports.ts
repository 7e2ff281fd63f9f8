/**
 * Issue 14: «Скачать все результаты» behind several nodes. The export's state lives here, written
 * by the node that builds the archive (its files stay on that node's disk, `node_url` says where
 * any other node forwards the download). At most one running export per school, whichever node
 * is asked: the partial unique index decides it, not a node's memory. `updated_at` is the
 * builder's heartbeat: a running export it stopped updating belonged to a node that died.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('results_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint')
    .addColumn('message', 'text')
    .addColumn('node_url', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('results_exports_running')
    .on('results_exports')
    .column('school_id')
    .unique()
    .where(sql.ref('status'), '=', sql.lit('running'))
    .execute();
  await db.schema
    .createIndex('results_exports_school')
    .on('results_exports')
    .columns(['school_id', 'started_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('results_exports').ifExists().execute();
}
