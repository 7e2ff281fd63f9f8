/**
 * The kiosk's own store (SQLite only): the school's rows pulled from the server, the rows the
 * kiosk made itself, and the outbox of mutations not yet acknowledged. Times are server-corrected
 * epoch milliseconds; JSON is stored as text.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Device identity, credential, pull cursor, clock offset, campaign and content pack.
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  // The profile is kept whole as JSON; e-mail is a column for login. Not unique: two devices may
  // register one e-mail offline, and the server's winner must still be storable beside ours.
  await db.schema
    .createTable('participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participants_email').on('participants').column('email').execute();

  // One activation per participant; a rejected one stays visible until replaced by a new code.
  await db.schema
    .createTable('activations')
    .addColumn('participant_id', 'text', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('lease_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('answers')
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['participant_id', 'step', 'item_id'])
    .execute();

  await db.schema
    .createTable('completions')
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('completions_pk', ['participant_id', 'step'])
    .execute();

  await db.schema
    .createTable('codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('tariff_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('slots', 'integer', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();

  // AUTOINCREMENT: the device counter (seq) never reuses a number, even after the outbox empties.
  // row_key names the local row the mutation touches, so a pull does not overwrite it meanwhile.
  await db.schema
    .createTable('outbox')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('args', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('lease_id', 'text')
    .execute();
  await db.schema.createIndex('outbox_row_key').on('outbox').column('row_key').execute();
  await db.schema.createIndex('outbox_lease').on('outbox').column('lease_id').execute();

  // Pulled changes held back because the row still had unsent local mutations.
  await db.schema
    .createTable('deferred_changes')
    .addColumn('row_key', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();

  // Refusals the server gave to this kiosk's mutations, with the Russian text the student sees.
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text')
    .addColumn('mutation_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_participant').on('notices').column('participant_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'notices',
    'deferred_changes',
    'outbox',
    'leases',
    'codes',
    'completions',
    'answers',
    'activations',
    'participants',
    'meta',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
