/**
 * The central store. Runs on SQLite and PostgreSQL alike, so it sticks to portable types:
 * text ids (UUIDv7), bigint epoch milliseconds, JSON as text.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const ms = 'bigint' as const;
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('schools')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('locality', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // The school's change feed cursor: bumped under the row's lock, so per-school order is commit order.
    .addColumn('change_seq', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('schools_identity')
    .unique()
    .on('schools')
    .columns(['region', 'locality', 'name'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tariffs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('participants', 'integer', (c) => c.notNull())
    .addColumn('cost_kopecks', ms, (c) => c.notNull())
    // Codes are unique across all campaigns; the index is the final word on a collision.
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tariffs_school').on('tariffs').columns(['school_id', 'created_at']).execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credential_hash', 'text', (c) => c.notNull().unique())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', ms, (c) => c.notNull())
    .addColumn('revoked_at', ms)
    .addColumn('last_seq', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('last_seen_at', ms)
    .addColumn('pending', 'integer')
    .addColumn('oldest_pending_at', ms)
    .addColumn('last_sync_at', ms)
    .addColumn('last_error', 'text')
    .addColumn('clock_offset_ms', ms)
    .addColumn('app_version', 'text')
    .execute();
  await db.schema.createIndex('devices_school').on('devices').column('school_id').execute();

  await db.schema
    .createTable('enrollment_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('used_at', ms)
    .addColumn('device_id', 'text')
    .execute();

  await db.schema
    .createTable('participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('locality', 'text', (c) => c.notNull())
    .addColumn('school_name', 'text', (c) => c.notNull())
    .addColumn('school_class', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('consent_version', 'text', (c) => c.notNull())
    .addColumn('consent_at', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('participants_email')
    .unique()
    .on('participants')
    .columns(['campaign_id', 'email'])
    .execute();
  await db.schema.createIndex('participants_school').on('participants').column('school_id').execute();

  await db.schema
    .createTable('activations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().unique())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('lease_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activations_code').on('activations').column('code').execute();

  await db.schema
    .createTable('answers')
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['participant_id', 'step', 'item_id'])
    .execute();

  await db.schema
    .createTable('completions')
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('completed_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('completions_pk', ['participant_id', 'step'])
    .execute();

  await db.schema
    .createTable('completion_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('completed_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('slots', 'integer', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('released_at', ms)
    .execute();
  await db.schema.createIndex('leases_device').on('leases').columns(['device_id', 'code']).execute();

  await db.schema
    .createTable('mutations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text')
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('seq', ms, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('message', 'text')
    .addColumn('participant_id', 'text')
    .addColumn('received_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mutations_status').on('mutations').columns(['school_id', 'status']).execute();
  await db.schema.createIndex('mutations_parked').on('mutations').columns(['participant_id', 'status']).execute();

  await db.schema
    .createTable('mutation_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mutation_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('changes')
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('seq', ms, (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('changes_pk', ['school_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'changes',
    'mutation_conflicts',
    'mutations',
    'leases',
    'completion_history',
    'completions',
    'answers',
    'activations',
    'participants',
    'enrollment_codes',
    'devices',
    'tariffs',
    'sessions',
    'users',
    'schools',
    'campaigns',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
