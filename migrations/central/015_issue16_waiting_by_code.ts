/**
 * Issue 16: every push batch that activates a code asks how many students wait on it (the state
 * decide reads) and which of them a freed place now seats (settleCodes). Both looked the code up in
 * `activations_code` and checked each row's status: a scan of every activation of the code, per
 * batch, growing with the school. Partial on the waiting ones (usually none), so confirmed
 * activations write nothing here; the queries name the status as a literal (`sql.lit`).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('activations_code_waiting')
    .on('activations')
    .columns(['code', 'created_at'])
    .where(sql.ref('status'), '=', sql.lit('waiting'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('activations_code_waiting').execute();
}
