/**
 * Two registrations of one student merged by their co-organizer (issue 13): the retired id maps
 * to the kept one, so a PC that was offline during the merge still has its changes accepted, and
 * the retired e-mail is refused at sign-in with a reason. `details` (JSON) keeps what the merge
 * replaced: the retired profile (no password hash), answers another value superseded, the place
 * given up.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('participant_merges')
    .addColumn('retired_id', 'text', (c) => c.primaryKey())
    .addColumn('kept_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('retired_email', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'bigint', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participant_merges_kept').on('participant_merges').column('kept_id').execute();
  await db.schema
    .createIndex('participant_merges_email')
    .on('participant_merges')
    .columns(['campaign_id', 'retired_email'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('participant_merges').ifExists().execute();
}
