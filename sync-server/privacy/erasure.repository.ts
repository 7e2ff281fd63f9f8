/**
 * The SQL of erasing a participant (core/privacy/erasure.ts says what goes and what stays): their
 * rows go, the activation stays (a code's place was used), the certificate stays without the name
 * and school, the mutation log keeps ids and outcomes (a retry is still answered) but not the
 * content, and every school feed that carried them loses their old changes and gets one
 * `erasure` change instead, so each kiosk holding them erases its copy.
 */
import { sql, type Transaction } from 'kysely';
import { reject } from '../../core/errors.ts';
import { certificateWithoutPerson, erasureFate, type ErasureCause } from '../../core/privacy/erasure.ts';
import { WEB_SCHOOL_ID } from '../../core/web.ts';
import type { CentralDB } from '../db/schema.ts';
import { appendSchoolChanges, lockSchools } from '../sync/changes.repository.ts';
import { lockRegistrations } from '../sync/merges.repository.ts';

type Trx = Transaction<CentralDB>;

/** The schools whose feeds carried the participant: home, the code's school, schools visited. */
async function schoolsHolding(trx: Trx, participantId: string, home: string): Promise<string[]> {
  const [codes, visits] = await Promise.all([
    trx.selectFrom('activations').select('school_id').where('participant_id', '=', participantId).execute(),
    trx.selectFrom('participant_visits').select('school_id').where('participant_id', '=', participantId).execute(),
  ]);
  const all = new Set([home, ...codes.map((r) => r.school_id), ...visits.map((r) => r.school_id)]);
  all.delete(WEB_SCHOOL_ID); // nobody pulls the web row's feed (core/web.ts)
  return [...all].sort();
}

/** Erases one participant in `trx`; returns the schools to nudge, or null when there was no one. */
export async function eraseParticipantRows(
  trx: Trx,
  dialect: string,
  participantId: string,
  now: number,
  cause: ErasureCause,
): Promise<string[] | null> {
  // The person's row before the schools' rows, as a merge takes it: a push for them waits.
  await lockRegistrations(trx, dialect, [participantId], 'remove');
  const row = await trx
    .selectFrom('participants')
    .select('school_id')
    .where('id', '=', participantId)
    .executeTakeFirst();
  if (!row) return null;
  const schools = await schoolsHolding(trx, participantId, row.school_id);
  // The feeds' rows first, as every writer of a feed takes them (no lock-order surprises).
  await lockSchools(trx, dialect, schools);
  const id = participantId;
  for (const table of ['answers', 'completions', 'completion_history', 'participant_visits'] as const) {
    await trx.deleteFrom(table).where('participant_id', '=', id).execute();
  }
  await trx.deleteFrom('participant_sessions').where('participant_id', '=', id).execute();
  await trx.deleteFrom('participants').where('id', '=', id).execute();
  // What the accounting keeps stays, without the person (core/privacy/erasure.ts).
  if (erasureFate('central', 'activation') === 'delete') {
    await trx.deleteFrom('activations').where('participant_id', '=', id).execute();
  }
  const certificates = trx.updateTable('certificates').where('kind', '=', 'participant').where('subject_id', '=', id);
  if (erasureFate('central', 'certificate') === 'delete') {
    await trx.deleteFrom('certificates').where('kind', '=', 'participant').where('subject_id', '=', id).execute();
  } else {
    const blank = certificateWithoutPerson({ name: '', schoolName: '' });
    await certificates.set({ name: blank.name, school_name: blank.schoolName, erased_at: now }).execute();
  }
  await trx
    .deleteFrom('mutation_conflicts')
    .where('mutation_id', 'in', (eb) => eb.selectFrom('mutations').select('id').where('participant_id', '=', id))
    .execute();
  const erased = reject('PARTICIPANT_ERASED');
  // A parked change waited for this person: it is refused now, and never decided again.
  await trx
    .updateTable('mutations')
    .set({ status: 'rejected', code: erased.code, message: erased.message })
    .where('participant_id', '=', id)
    .where('status', '=', sql.lit('parked'))
    .execute();
  await trx.updateTable('mutations').set({ payload: '{}' }).where('participant_id', '=', id).execute();
  await trx
    .deleteFrom('changes')
    .where('school_id', 'in', schools)
    .where((eb) => eb.or([eb('key', '=', id), eb('key', 'like', `${id}:%`)]))
    .execute();
  await scrubAudit(trx, id);
  // The registrations merged into this one (issue 13) are the same person: a PC's late work for
  // them is refused as theirs, instead of waiting, parked with its content, for a kept id gone.
  const retired = await trx.selectFrom('participant_merges').select('retired_id').where('kept_id', '=', id).execute();
  await trx
    .insertInto('erased_participants')
    .values([id, ...retired.map((r) => r.retired_id)].map((p) => ({ participant_id: p, erased_at: now, cause })))
    .onConflict((oc) => oc.column('participant_id').doNothing())
    .execute();
  for (const schoolId of schools) {
    await appendSchoolChanges(trx, schoolId, [{ entity: 'erasure', key: id, data: { participantId: id } }]);
  }
  return schools;
}

/** Earlier audit entries about the person keep what was done, not whom it named. */
async function scrubAudit(trx: Trx, participantId: string): Promise<void> {
  const rows = await trx
    .selectFrom('audit_log')
    .select(['id', 'details'])
    .where('target', '=', participantId)
    .execute();
  for (const r of rows) {
    const { label: _label, ...rest } = JSON.parse(r.details) as Record<string, unknown>;
    await trx
      .updateTable('audit_log')
      .set({ details: JSON.stringify(rest) })
      .where('id', '=', r.id)
      .execute();
  }
}

/** Participants of a campaign, a page at a time, for the retention job. */
export async function participantsOfCampaign(trx: Trx | Transaction<CentralDB>, campaignId: string, limit: number) {
  const rows = await trx
    .selectFrom('participants')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
