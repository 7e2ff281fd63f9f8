/**
 * Issue 13, «Класс сейчас»: each classroom PC's health report names the students signed in at it
 * now, so the co-organizer sees the PC a student works at, not only the one where the code was
 * entered. A JSON array of participant ids; null from a PC that does not report it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').addColumn('signed_in', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').dropColumn('signed_in').execute();
}
