/** Writes a batch's accepted effects back in multi-row statements. */
import type { Transaction } from 'kysely';
import type { Effect } from '../../core/mutations/effects.ts';
import type { CentralDB } from '../db/schema.ts';
import { insertChunked, JsonText, type BulkRow } from './batch.ts';
import { participantToDb } from './rows.ts';

/** Persists effects grouped by kind; counters move by the batch's net deltas. */
export async function writeEffects(
  trx: Transaction<CentralDB>,
  effects: readonly Effect[],
  deviceId: string | null,
): Promise<void> {
  const participants: CentralDB['participants'][] = [];
  const activations = new Map<string, CentralDB['activations']>();
  const answers = new Map<string, BulkRow<CentralDB['answers']>>();
  const completions: BulkRow<CentralDB['completions']>[] = [];
  const history: BulkRow<CentralDB['completion_history']>[] = [];
  const certificates: BulkRow<Omit<CentralDB['certificates'], 'erased_at'>>[] = [];
  const usedByCode = new Map<string, number>();
  const leaseUse = new Map<string, number>();
  for (const e of effects) {
    switch (e.type) {
      case 'participant.insert':
        participants.push(participantToDb(e.row));
        break;
      case 'activation.insert': {
        const r = e.row;
        activations.set(r.participantId, {
          id: r.id,
          participant_id: r.participantId,
          code: r.code,
          school_id: r.schoolId,
          device_id: deviceId,
          lease_id: r.leaseId,
          status: r.status,
          created_at: r.createdAt,
        });
        // Only a confirmed activation fills a place; a waiting or refused one holds none.
        if (r.status === 'confirmed') usedByCode.set(r.code, (usedByCode.get(r.code) ?? 0) + 1);
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
          value: new JsonText(r.value),
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
          answers: new JsonText(r.answers),
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
  // A student's new activation replaces their waiting or refused one (one row per student).
  await insertChunked(trx, 'activations', [...activations.values()], {
    conflict: ['participant_id'],
    update: ['id', 'code', 'school_id', 'device_id', 'lease_id', 'status', 'created_at'],
  });
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
  for (const code of new Set([...usedByCode.keys(), ...leasedByCode.keys()])) {
    const n = usedByCode.get(code) ?? 0;
    const fromLease = leasedByCode.get(code) ?? 0;
    await trx
      .updateTable('tariffs')
      .set((eb) => ({ used: eb('used', '+', n), reserved: eb('reserved', '-', fromLease) }))
      .where('code', '=', code)
      .execute();
  }
}
