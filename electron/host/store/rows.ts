/** Reads of the kiosk's participant rows, in the shapes of core/mutations/rows.ts. */
import type { AnswerValue } from '../../../core/mutations/schemas.ts';
import type { ActivationRow, AnswerRow, CompletionRow, ParticipantRow } from '../../../core/mutations/rows.ts';
import type { KioskStore } from './open.ts';
import { Prepared } from './prepared.ts';
import type { KioskDB } from './schema.ts';

/** An activation as the kiosk keeps it: the server may still refuse it, with a message. */
export interface LocalActivation extends Omit<ActivationRow, 'status'> {
  status: KioskDB['activations']['status'];
  message: string | null;
}

const participantQuery = new Prepared(1, (q, id: string) =>
  q.selectFrom('participants').select('data').where('id', '=', id),
);
const activationQuery = new Prepared(1, (q, participantId: string) =>
  q.selectFrom('activations').selectAll().where('participant_id', '=', participantId),
);

export function participantById(store: KioskStore, id: string): ParticipantRow | undefined {
  const row = participantQuery.first(store, id);
  return row ? (JSON.parse(row.data) as ParticipantRow) : undefined;
}

export function participantsByEmail(store: KioskStore, email: string): ParticipantRow[] {
  return store
    .all(store.q.selectFrom('participants').select('data').where('email', '=', email))
    .map((r) => JSON.parse(r.data) as ParticipantRow);
}

export function activationOf(store: KioskStore, participantId: string): LocalActivation | undefined {
  const r = activationQuery.first(store, participantId);
  if (!r) return undefined;
  return {
    id: r.id,
    participantId: r.participant_id,
    code: r.code,
    schoolId: r.school_id,
    leaseId: r.lease_id,
    status: r.status,
    message: r.message,
    createdAt: r.created_at,
  };
}

export function answersOf(store: KioskStore, participantId: string): AnswerRow[] {
  return store.all(store.q.selectFrom('answers').selectAll().where('participant_id', '=', participantId)).map((r) => ({
    participantId,
    step: r.step,
    itemId: r.item_id,
    value: JSON.parse(r.value) as AnswerValue,
    updatedAt: r.updated_at,
  }));
}

export function completionsOf(store: KioskStore, participantId: string): CompletionRow[] {
  return store
    .all(store.q.selectFrom('completions').selectAll().where('participant_id', '=', participantId).orderBy('step'))
    .map((r) => ({
      id: r.id,
      participantId,
      step: r.step,
      answers: JSON.parse(r.answers) as Record<string, AnswerValue>,
      completedAt: r.completed_at,
    }));
}
