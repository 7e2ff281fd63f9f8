/**
 * Loads, in a handful of bulk queries, the state a batch of mutations needs (see core's
 * refsOf/DomainState), and writes the accepted effects back in multi-row statements.
 */
import type { Transaction } from 'kysely';
import type { Effect } from '../../core/mutations/effects.ts';
import { DomainState, type StateRefs } from '../../core/mutations/state.ts';
import type { CentralDB } from '../db/schema.ts';
import { insertChunked } from './batch.ts';
import { activationFromDb, participantFromDb, participantToDb } from './rows.ts';

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

/** Adds the codes (tariffs) not yet in the batch's state. */
export async function loadCodes(
  trx: Transaction<CentralDB>,
  state: DomainState,
  codes: readonly string[],
): Promise<void> {
  const missing = [...new Set(codes)].filter((c) => !state.codes.has(c));
  if (missing.length === 0) return;
  const rows = await trx.selectFrom('tariffs').selectAll().where('code', 'in', missing).execute();
  for (const t of rows) {
    state.codes.set(t.code, {
      code: t.code,
      tariffId: t.id,
      schoolId: t.school_id,
      campaignId: t.campaign_id,
      capacity: t.participants,
      used: t.used,
      reserved: t.reserved,
    });
  }
}

/** Persists effects grouped by kind; counters move by the batch's net deltas. */
export async function writeEffects(
  trx: Transaction<CentralDB>,
  effects: readonly Effect[],
  deviceId: string | null,
): Promise<void> {
  const participants: CentralDB['participants'][] = [];
  const activations: CentralDB['activations'][] = [];
  const answers = new Map<string, CentralDB['answers']>();
  const completions: CentralDB['completions'][] = [];
  const history: CentralDB['completion_history'][] = [];
  const certificates: CentralDB['certificates'][] = [];
  const usedByCode = new Map<string, number>();
  const leaseUse = new Map<string, number>();
  for (const e of effects) {
    switch (e.type) {
      case 'participant.insert':
        participants.push(participantToDb(e.row));
        break;
      case 'activation.insert': {
        const r = e.row;
        activations.push({
          id: r.id,
          participant_id: r.participantId,
          code: r.code,
          school_id: r.schoolId,
          device_id: deviceId,
          lease_id: r.leaseId,
          status: r.status,
          created_at: r.createdAt,
        });
        usedByCode.set(r.code, (usedByCode.get(r.code) ?? 0) + 1);
        if (r.leaseId) leaseUse.set(r.leaseId, (leaseUse.get(r.leaseId) ?? 0) + 1);
        break;
      }
      case 'answer.upsert': {
        const r = e.row;
        // One statement cannot upsert the same key twice; the later answer in the batch wins.
        answers.set(`${r.participantId}\u0000${r.step}\u0000${r.itemId}`, {
          participant_id: r.participantId,
          step: r.step,
          item_id: r.itemId,
          value: JSON.stringify(r.value),
          updated_at: r.updatedAt,
        });
        break;
      }
      case 'completion.insert':
      case 'completion.history': {
        const r = e.row;
        const row = {
          id: r.id,
          participant_id: r.participantId,
          step: r.step,
          answers: JSON.stringify(r.answers),
          completed_at: r.completedAt,
        };
        (e.type === 'completion.insert' ? completions : history).push(row);
        break;
      }
      case 'certificate.insert': {
        const r = e.row;
        certificates.push({
          serial: r.serial,
          kind: 'participant',
          subject_id: r.participantId,
          campaign_id: r.campaignId,
          name: r.name,
          school_name: r.schoolName,
          issued_at: r.issuedAt,
        });
        break;
      }
    }
  }
  await insertChunked(trx, 'participants', participants);
  await insertChunked(trx, 'activations', activations);
  await insertChunked(trx, 'completions', completions);
  await insertChunked(trx, 'completion_history', history);
  await insertChunked(trx, 'certificates', certificates);
  // One statement cannot upsert the same key twice; the map above kept the later answer.
  await insertChunked(trx, 'answers', [...answers.values()], {
    conflict: ['participant_id', 'step', 'item_id'],
    update: ['value', 'updated_at'],
  });
  for (const [leaseId, n] of leaseUse) {
    await trx
      .updateTable('leases')
      .set((eb) => ({ used: eb('used', '+', n) }))
      .where('id', '=', leaseId)
      .execute();
  }
  const leasedByCode = new Map<string, number>();
  for (const e of effects)
    if (e.type === 'activation.insert' && e.row.leaseId)
      leasedByCode.set(e.row.code, (leasedByCode.get(e.row.code) ?? 0) + 1);
  for (const [code, n] of usedByCode) {
    const fromLease = leasedByCode.get(code) ?? 0;
    await trx
      .updateTable('tariffs')
      .set((eb) => ({ used: eb('used', '+', n), reserved: eb('reserved', '-', fromLease) }))
      .where('code', '=', code)
      .execute();
  }
}
