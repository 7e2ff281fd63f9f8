/**
 * Issue 15: consent that holds up. Every published version of the consent document is kept as
 * published (the campaign's settings carry only the current one, for kiosks); a registration
 * records a parent's consent when the campaign's age rule asks for one, and the school's receipt
 * of a paper one. The nodes share a secret that keeps clients' addresses out of Redis's keys.
 */
import type { Kysely } from 'kysely';

// Epoch milliseconds, as in 001.
const ms = 'bigint';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consent_versions')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('published_at', ms, (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addPrimaryKeyConstraint('consent_versions_pk', ['campaign_id', 'version'])
    .execute();
  // Secrets the nodes share, e.g. the key that makes rate-limit keys in Redis opaque.
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('participants').addColumn('parent_consent_by', 'text').execute();
  await db.schema.alterTable('participants').addColumn('parent_consent_how', 'text').execute();
  await db.schema.alterTable('participants').addColumn('parent_consent_at', ms).execute();
  await db.schema.alterTable('participants').addColumn('parent_consent_received_at', ms).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['parent_consent_by', 'parent_consent_how', 'parent_consent_at', 'parent_consent_received_at']) {
    await db.schema.alterTable('participants').dropColumn(column).execute();
  }
  await db.schema.dropTable('server_secrets').execute();
  await db.schema.dropTable('consent_versions').execute();
}
