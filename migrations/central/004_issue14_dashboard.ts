/**
 * Issue 14: the organizer's numbers by region and school, and the audit log.
 * The indexes let every count of «Акция в цифрах» start from a campaign's rows of one school
 * (or all) instead of scanning a table; the audit log keeps who changed what from the dashboard.
 */
import type { Kysely } from 'kysely';

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
  for (const name of [
    'activations_participant_status',
    'users_school_role',
    'tariffs_campaign_school',
    'participants_campaign_school',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
