/**
 * Certificates the server has issued, so a serial printed on paper can be checked later and a
 * second download of the same certificate reuses its serial (one per subject and kind).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('certificates')
    .addColumn('serial', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // A participant's id or a co-organizer's user id, depending on kind.
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    // Name and school as printed on the certificate, frozen at issue.
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('school_name', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('certificates_subject')
    .unique()
    .on('certificates')
    .columns(['kind', 'subject_id', 'campaign_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('certificates').ifExists().execute();
}
