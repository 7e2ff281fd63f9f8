/**
 * Writes of the kiosk's rows: upserts by primary key, shared by local effects and pulled
 * changes. Callers run them inside a transaction.
 */
import type { Effect } from '../../../core/mutations/effects.ts';
import { reject } from '../../../core/errors.ts';
import type {
  ActivationRow,
  AnswerRow,
  CertificateRow,
  CompletionRow,
  ParticipantRow,
} from '../../../core/mutations/rows.ts';
import type { KioskStore } from './open.ts';
import { Prepared } from './prepared.ts';
import type { LocalActivation } from './rows.ts';

export function putParticipant(store: KioskStore, row: ParticipantRow): void {
  const values = { id: row.id, email: row.email, data: JSON.stringify(row) };
  store.run(
    store.q
      .insertInto('participants')
      .values(values)
      .onConflict((oc) => oc.column('id').doUpdateSet({ email: values.email, data: values.data })),
  );
}

/** An activation as the server or a local decision has it; a refused one carries the reason the student reads. */
export function putActivationRow(store: KioskStore, a: ActivationRow): void {
  putActivation(store, { ...a, message: a.status === 'refused' ? reject('CODE_FULL').message : null });
}

export function putActivation(store: KioskStore, a: LocalActivation): void {
  const values = {
    participant_id: a.participantId,
    id: a.id,
    code: a.code,
    school_id: a.schoolId,
    lease_id: a.leaseId,
    status: a.status,
    message: a.message,
    created_at: a.createdAt,
  };
  const { participant_id: _pk, ...rest } = values;
  store.run(
    store.q
      .insertInto('activations')
      .values(values)
      .onConflict((oc) => oc.column('participant_id').doUpdateSet(rest)),
  );
}

const answerUpsert = new Prepared(
  5,
  (q, participantId: string, step: number, itemId: string, value: string, at: number) =>
    q
      .insertInto('answers')
      .values({ participant_id: participantId, step, item_id: itemId, value, updated_at: at })
      .onConflict((oc) => oc.columns(['participant_id', 'step', 'item_id']).doUpdateSet({ value, updated_at: at })),
);

export function putAnswer(store: KioskStore, a: AnswerRow): void {
  answerUpsert.run(store, a.participantId, a.step, a.itemId, JSON.stringify(a.value), a.updatedAt);
}

export function putCompletion(store: KioskStore, c: CompletionRow): void {
  const answers = JSON.stringify(c.answers);
  store.run(
    store.q
      .insertInto('completions')
      .values({ participant_id: c.participantId, step: c.step, id: c.id, answers, completed_at: c.completedAt })
      .onConflict((oc) =>
        oc.columns(['participant_id', 'step']).doUpdateSet({ id: c.id, answers, completed_at: c.completedAt }),
      ),
  );
}

/** The certificate that stands replaces a provisional one made here (the server's serial wins). */
export function putCertificate(store: KioskStore, c: CertificateRow): void {
  store.run(store.q.deleteFrom('certificates').where('participant_id', '=', c.participantId));
  store.run(
    store.q
      .insertInto('certificates')
      .values({ participant_id: c.participantId, serial: c.serial, data: JSON.stringify(c) })
      .onConflict((oc) => oc.column('serial').doNothing()),
  );
}

/** Persists what an accepted local mutation decided. */
export function writeEffect(store: KioskStore, e: Effect): void {
  switch (e.type) {
    case 'participant.insert':
      return putParticipant(store, e.row);
    case 'activation.insert':
      putActivationRow(store, e.row);
      // The slot is spent here and now; the server's lease row will say the same after the push.
      if (e.row.leaseId) {
        store.run(
          store.q
            .updateTable('leases')
            .set((eb) => ({ used: eb('used', '+', 1) }))
            .where('id', '=', e.row.leaseId),
        );
      }
      return;
    case 'answer.upsert':
      return putAnswer(store, e.row);
    case 'completion.insert':
      return putCompletion(store, e.row);
    case 'completion.history':
      // The server keeps the history; the kiosk only needs the completion that stands.
      return;
    case 'certificate.insert':
    case 'certificate.stands':
      return putCertificate(store, e.row);
  }
}
