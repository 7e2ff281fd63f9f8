/**
 * A change to a participant's row made at the server (a new password, a parent's consent the
 * school received): written with the row's copy in its home school's change feed, in one
 * transaction, so that school's kiosks pull it.
 */
import type { Transaction, Updateable } from 'kysely';
import type { ServerContext } from '../context.ts';
import type { CentralDB, ParticipantsTable } from '../db/schema.ts';
import { appendSchoolChanges, lockSchools } from '../sync/changes.repository.ts';
import { participantFromDb } from '../sync/rows.ts';

export async function updateParticipant(
  ctx: ServerContext,
  participantId: string,
  set: Updateable<ParticipantsTable>,
  /** Written in the same transaction, e.g. the audit log's entry. */
  also?: (trx: Transaction<CentralDB>) => Promise<void>,
): Promise<void> {
  const homeSchoolId = await ctx.db.transaction().execute(async (trx) => {
    // The feed the row was registered into: that school's kiosks hold it. The code's school may
    // be another one (a student may use a code of a school other than where they registered).
    const { school_id: home } = await trx
      .selectFrom('participants')
      .select('school_id')
      .where('id', '=', participantId)
      .executeTakeFirstOrThrow();
    // The school's row first, as every writer of its feed takes it (no lock-order surprises).
    await lockSchools(trx, ctx.store.dialect, [home]);
    const row = await trx
      .updateTable('participants')
      .set(set)
      .where('id', '=', participantId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendSchoolChanges(trx, home, [{ entity: 'participant', key: row.id, data: participantFromDb(row) }]);
    await also?.(trx);
    return home;
  });
  ctx.nudge(homeSchoolId);
}
