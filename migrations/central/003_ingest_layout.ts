/**
 * A store shaped for ingest, where every student's answer is a row in three tables.
 *
 * - The mutation log's two secondary indexes covered every row but only ever serve the few that
 *   are parked or rejected; as partial indexes an accepted mutation no longer writes them.
 *   Queries name the status as a literal (`sql.lit`): a planner may only pick a partial index
 *   when it can see that the query's condition implies the index's.
 * - On SQLite, answers and changes are keyed by their composite primary key alone
 *   (`without rowid`): one B-tree instead of a table plus an index of the same key, so a batch
 *   dirties half the pages, and a pull by (school, seq) reads one range.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Kysely runs SQLite migrations outside a transaction; a kiosk or server that loses power midway
  // must find the old layout intact, so on SQLite the whole step is one transaction.
  if (db.getExecutor().adapter instanceof SqliteAdapter) await db.transaction().execute(upgrade);
  else await upgrade(db);
}

async function upgrade(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('mutations_status').execute();
  await db.schema.dropIndex('mutations_parked').execute();
  await db.schema
    .createIndex('mutations_rejected')
    .on('mutations')
    .columns(['school_id', 'received_at'])
    .where(sql.ref('status'), '=', sql.lit('rejected'))
    .execute();
  await db.schema
    .createIndex('mutations_parked')
    .on('mutations')
    .columns(['participant_id', 'received_at', 'seq'])
    .where(sql.ref('status'), '=', sql.lit('parked'))
    .execute();

  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await rebuildWithoutRowid(
    db,
    'answers',
    `"participant_id" text not null, "step" integer not null, "item_id" text not null,
     "value" text not null, "updated_at" bigint not null,
     constraint "answers_pk" primary key ("participant_id", "step", "item_id")`,
  );
  await rebuildWithoutRowid(
    db,
    'changes',
    `"school_id" text not null, "seq" bigint not null, "entity" text not null, "key" text not null,
     "data" text not null, constraint "changes_pk" primary key ("school_id", "seq")`,
  );
}

async function rebuildWithoutRowid(db: Kysely<unknown>, table: string, columns: string): Promise<void> {
  const next = `${table}_next`;
  await sql`create table ${sql.table(next)} (${sql.raw(columns)}) without rowid`.execute(db);
  await sql`insert into ${sql.table(next)} select * from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(next)} rename to ${sql.table(table)}`.execute(db);
}

// On SQLite the two tables stay without rowid: same columns and keys, read alike by older code.
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('mutations_rejected').execute();
  await db.schema.dropIndex('mutations_parked').execute();
  await db.schema.createIndex('mutations_status').on('mutations').columns(['school_id', 'status']).execute();
  await db.schema.createIndex('mutations_parked').on('mutations').columns(['participant_id', 'status']).execute();
}
