/**
 * Schools where a participant of another school has signed in through the kiosk lookup (a student
 * who moved, or who registered on the web): that school's devices may then act for them, and no
 * other school's may (issue 11).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('participant_visits')
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('participant_visits_pk', ['participant_id', 'school_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('participant_visits').ifExists().execute();
}
