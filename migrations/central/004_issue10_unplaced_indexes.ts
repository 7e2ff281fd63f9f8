/**
 * Indexes for places that follow the students (core/leases.ts): the server looks every minute for
 * schools whose students wait for a place or whose leases are past their time, and the cabinet
 * lists a school's students without a place. Partial, so the million confirmed activations and the
 * closed leases write and hold none of them; queries name the status as a literal (`sql.lit`).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('activations_unplaced')
    .on('activations')
    .columns(['school_id', 'created_at'])
    .where(sql.ref('status'), 'in', [sql.lit('waiting'), sql.lit('refused')])
    .execute();
  await db.schema
    .createIndex('activations_waiting')
    .on('activations')
    .columns(['school_id', 'code'])
    .where(sql.ref('status'), '=', sql.lit('waiting'))
    .execute();
  await db.schema
    .createIndex('leases_open')
    .on('leases')
    .columns(['school_id', 'expires_at'])
    .where(sql.ref('released_at'), 'is', null)
    .execute();
}
