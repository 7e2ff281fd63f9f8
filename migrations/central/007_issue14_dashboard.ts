/**
 * Issue 14: the organizer's numbers by region and school, and the audit log.
 * The indexes let every count of «Акция в цифрах» start from a campaign's rows of one school
 * (or all) instead of scanning a table; technical support's look-ups have theirs; the audit log
 * keeps who changed what from the dashboard.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('participants_campaign_school')
    .on('participants')
    .columns(['campaign_id', 'school_id', 'id'])
    .execute();
  await db.schema.createIndex('tariffs_campaign_school').on('tariffs').columns(['campaign_id', 'school_id']).execute();
  await db.schema.createIndex('users_school_role').on('users').columns(['school_id', 'role']).execute();
  await db.schema
    .createIndex('activations_participant_status')
    .on('activations')
    .columns(['participant_id', 'status'])
    .execute();
  // Technical support reads a participant's refused changes (parked ones have their index, 003).
  await db.schema
    .createIndex('mutations_rejected_participant')
    .on('mutations')
    .columns(['participant_id', 'received_at'])
    .where(sql.ref('status'), '=', sql.lit('rejected'))
    .execute();
  // A participant found by e-mail (in any campaign) or by surname.
  await db.schema.createIndex('participants_email_any').on('participants').column('email').execute();
  // By the surname as written (SQLite's lower() knows no Cyrillic, so the look-up tries the cases).
  await db.schema.createIndex('participants_surname').on('participants').columns(['surname', 'name']).execute();
  // The fleet's alerts: active PCs by last contact, and by clock offset.
  await db.schema.createIndex('devices_last_seen').on('devices').columns(['last_seen_at']).execute();
  // Each school's participant numbers in a campaign, recomputed when the school's change feed
  // moves past `seq` (every write about its participants bumps schools.change_seq).
  await db.schema
    .createTable('school_stats')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('tariffs', 'integer', (c) => c.notNull())
    .addColumn('places', 'integer', (c) => c.notNull())
    .addColumn('money_kopecks', 'bigint', (c) => c.notNull())
    .addColumn('registered', 'integer', (c) => c.notNull())
    .addColumn('activated', 'integer', (c) => c.notNull())
    .addColumn('finished', 'integer', (c) => c.notNull())
    .addColumn('certificates', 'integer', (c) => c.notNull())
    // JSON array: participants who completed step 1, 2, …
    .addColumn('funnel', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('school_stats_pk', ['campaign_id', 'school_id'])
    .execute();
  // Each node keeps a copy of the rows and reads only those recounted since its last look.
  await db.schema
    .createIndex('school_stats_recounted')
    .on('school_stats')
    .columns(['campaign_id', 'computed_at'])
    .execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_email', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropTable('school_stats').execute();
  for (const name of [
    'devices_last_seen',
    'participants_surname',
    'participants_email_any',
    'mutations_rejected_participant',
    'activations_participant_status',
    'users_school_role',
    'tariffs_campaign_school',
    'participants_campaign_school',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
