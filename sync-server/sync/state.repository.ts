/**
 * Loads, in a handful of bulk queries, the state a batch of mutations needs (see core's
 * refsOf/DomainState). Writing the effects back is effects.repository.ts.
 */
import { sql, type Transaction } from 'kysely';
import { DomainState, type StateRefs } from '../../core/mutations/state.ts';
import type { CentralDB } from '../db/schema.ts';
import { activationFromDb, participantFromDb } from './rows.ts';

export async function loadState(
  trx: Transaction<CentralDB>,
  campaignId: string,
  refs: StateRefs,
): Promise<DomainState> {
  const state = new DomainState();
  const pids = [...refs.participantIds];
  const emails = [...refs.emails];
  if (pids.length || emails.length) {
    const rows = await trx
      .selectFrom('participants')
      .selectAll()
      .where((eb) => {
        const ors = [];
        if (pids.length) ors.push(eb('id', 'in', pids));
        if (emails.length) ors.push(eb.and([eb('campaign_id', '=', campaignId), eb('email', 'in', emails)]));
        return eb.or(ors);
      })
      .execute();
    for (const r of rows) state.addParticipant(participantFromDb(r));
  }
  const known = [...state.participants.keys()];
  // Most students never sign in at another school: this finds nothing, by the primary key.
  if (known.length) {
    const visits = await trx
      .selectFrom('participant_visits')
      .select(['participant_id', 'school_id'])
      .where('participant_id', 'in', known)
      .execute();
    for (const v of visits) state.visits.add(`${v.participant_id}@${v.school_id}`);
  }
  await loadTakenIds(trx, state, refs);
  // Answers need neither activations nor completions; most batches are answers.
  if (known.length && refs.activations) {
    const acts = await trx.selectFrom('activations').selectAll().where('participant_id', 'in', known).execute();
    for (const a of acts) state.activations.set(a.participant_id, activationFromDb(a));
  }
  if (known.length && refs.completions) {
    const done = await trx
      .selectFrom('completions')
      .select(['participant_id', 'step', 'id', 'completed_at'])
      .where('participant_id', 'in', known)
      .execute();
    for (const c of done)
      state.completions.set(`${c.participant_id}:${c.step}`, { id: c.id, completedAt: c.completed_at });
  }
  await loadCodes(trx, state, [...refs.codes, ...[...state.activations.values()].map((a) => a.code)]);
  if (refs.serials.size && known.length) {
    const rows = await trx
      .selectFrom('certificates')
      .selectAll()
      .where('kind', '=', 'participant')
      .where((eb) => eb.or([eb('subject_id', 'in', known), eb('serial', 'in', [...refs.serials])]))
      .execute();
    for (const c of rows) {
      if (known.includes(c.subject_id)) {
        state.addCertificate({
          serial: c.serial,
          participantId: c.subject_id,
          campaignId: c.campaign_id,
          name: c.name,
          schoolName: c.school_name,
          issuedAt: c.issued_at,
        });
      } else state.takenSerials.add(c.serial);
    }
  }
  if (refs.leaseIds.size) {
    const rows = await trx
      .selectFrom('leases')
      .selectAll()
      .where('id', 'in', [...refs.leaseIds])
      .execute();
    for (const l of rows) {
      state.leases.set(l.id, {
        id: l.id,
        code: l.code,
        deviceId: l.device_id,
        slots: l.slots,
        used: l.used,
        expiresAt: l.expires_at,
        releasedAt: l.released_at,
      });
    }
  }
  return state;
}

/** The completion and activation ids the batch would write that some row already has. */
export async function loadTakenIds(
  trx: Transaction<CentralDB>,
  state: DomainState,
  refs: Pick<StateRefs, 'completionIds' | 'activationIds'>,
): Promise<void> {
  const completionIds = [...refs.completionIds];
  if (completionIds.length) {
    for (const table of ['completions', 'completion_history'] as const) {
      const rows = await trx
        .selectFrom(table)
        .select(['id', 'participant_id', 'step'])
        .where('id', 'in', completionIds)
        .execute();
      for (const r of rows) state.completionIds.set(r.id, { participantId: r.participant_id, step: r.step });
    }
  }
  const activationIds = [...refs.activationIds];
  if (activationIds.length) {
    const rows = await trx
      .selectFrom('activations')
      .select(['id', 'participant_id'])
      .where('id', 'in', activationIds)
      .execute();
    for (const r of rows) state.activationIds.set(r.id, r.participant_id);
  }
}

/** Adds the codes (tariffs) not yet in the batch's state, with how many students wait on each. */
export async function loadCodes(
  trx: Transaction<CentralDB>,
  state: DomainState,
  codes: readonly string[],
): Promise<void> {
  const missing = [...new Set(codes)].filter((c) => !state.codes.has(c));
  if (missing.length === 0) return;
  const rows = await trx.selectFrom('tariffs').selectAll().where('code', 'in', missing).execute();
  const waiting = await waitingByCode(trx, missing);
  for (const t of rows) {
    state.codes.set(t.code, {
      code: t.code,
      tariffId: t.id,
      schoolId: t.school_id,
      campaignId: t.campaign_id,
      capacity: t.participants,
      used: t.used,
      reserved: t.reserved,
      waiting: waiting.get(t.code) ?? 0,
    });
  }
}

/** Activations waiting for a place, counted per code. */
export async function waitingByCode(
  db: Transaction<CentralDB>,
  codes: readonly string[],
): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('activations')
    .select((eb) => ['code', eb.fn.countAll<number>().as('n')])
    .where('code', 'in', [...codes])
    .where('status', '=', sql.lit('waiting')) // a literal: the partial index (migration 015)
    .groupBy('code')
    .execute();
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
}
