/**
 * Fewer pages per saved answer, so the fsync a student waits for writes less:
 * - answers are keyed by their composite primary key alone (`without rowid`): one B-tree instead
 *   of a table plus an index of the same key;
 * - the outbox's lease index holds only the rows that have a lease (activations), not every
 *   answer; `lease_id = ?` implies `lease_id is not null`, so lookups still use it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Kysely runs SQLite migrations outside a transaction; a PC that loses power midway must find
  // the old layout intact, so the whole step is one transaction.
  await db.transaction().execute(upgrade);
}

async function upgrade(db: Kysely<unknown>): Promise<void> {
  await sql`create table answers_next (
    participant_id text not null, step integer not null, item_id text not null,
    value text not null, updated_at integer not null,
    constraint answers_pk primary key (participant_id, step, item_id)
  ) without rowid`.execute(db);
  await sql`insert into answers_next select participant_id, step, item_id, value, updated_at from answers`.execute(db);
  await sql`drop table answers`.execute(db);
  await sql`alter table answers_next rename to answers`.execute(db);

  await db.schema.dropIndex('outbox_lease').execute();
  await db.schema
    .createIndex('outbox_lease')
    .on('outbox')
    .column('lease_id')
    .where(sql.ref('lease_id'), 'is not', null)
    .execute();
}

// The answers table stays without rowid: same columns and key, read alike by older code.
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_lease').execute();
  await db.schema.createIndex('outbox_lease').on('outbox').column('lease_id').execute();
}
