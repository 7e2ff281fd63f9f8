/**
 * Issue 15: erasure of a participant (on request, or at the end of retention). A tombstone keeps
 * only the bare id, so a kiosk's unsent change for the person is refused and nothing re-creates
 * them; a certificate kept for the accounting records when its person was erased, and the verify
 * page then says it no longer verifies as anyone's (core/privacy/erasure.ts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('erased_participants')
    .addColumn('participant_id', 'text', (c) => c.primaryKey())
    .addColumn('erased_at', 'bigint', (c) => c.notNull())
    // 'request' or 'retention'.
    .addColumn('cause', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('certificates').addColumn('erased_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('certificates').dropColumn('erased_at').execute();
  await db.schema.dropTable('erased_participants').ifExists().execute();
}
