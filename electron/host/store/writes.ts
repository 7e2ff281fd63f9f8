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
import type { KioskDB } from './schema.ts';

// Upserts set `col = excluded.col`: each value is bound once, in the insert's order, so the
// prepared statement runs with its arguments as given (prepared.ts).
const participantUpsert = new Prepared(3, (q, id: string, email: string, data: string) =>
  q
    .insertInto('participants')
    .values({ id, email, data })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({ email: eb.ref('excluded.email'), data: eb.ref('excluded.data') })),
    ),
);

export function putParticipant(store: KioskStore, row: ParticipantRow): void {
  participantUpsert.run(store, row.id, row.email, JSON.stringify(row));
}

/** An activation as the server or a local decision has it; a refused one carries the reason the student reads. */
export function putActivationRow(store: KioskStore, a: ActivationRow): void {
  putActivation(store, { ...a, message: a.status === 'refused' ? reject('CODE_FULL').message : null });
}

type ActivationValues = KioskDB['activations'];

const activationUpsert = new Prepared(
  8,
  (
    q,
    participant_id: string,
    id: string,
    code: string,
    school_id: string,
    lease_id: string | null,
    status: ActivationValues['status'],
    message: string | null,
    created_at: number,
  ) =>
    q
      .insertInto('activations')
      .values({ participant_id, id, code, school_id, lease_id, status, message, created_at })
      .onConflict((oc) =>
        oc.column('participant_id').doUpdateSet((eb) => ({
          id: eb.ref('excluded.id'),
          code: eb.ref('excluded.code'),
          school_id: eb.ref('excluded.school_id'),
          lease_id: eb.ref('excluded.lease_id'),
          status: eb.ref('excluded.status'),
          message: eb.ref('excluded.message'),
          created_at: eb.ref('excluded.created_at'),
        })),
      ),
);

export function putActivation(store: KioskStore, a: LocalActivation): void {
  activationUpsert.run(store, a.participantId, a.id, a.code, a.schoolId, a.leaseId, a.status, a.message, a.createdAt);
}

const answerUpsert = new Prepared(
  5,
  (q, participantId: string, step: number, itemId: string, value: string, at: number) =>
    q
      .insertInto('answers')
      .values({ participant_id: participantId, step, item_id: itemId, value, updated_at: at })
      .onConflict((oc) =>
        oc
          .columns(['participant_id', 'step', 'item_id'])
          .doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })),
      ),
);

export function putAnswer(store: KioskStore, a: AnswerRow): void {
  answerUpsert.run(store, a.participantId, a.step, a.itemId, JSON.stringify(a.value), a.updatedAt);
}

const completionUpsert = new Prepared(
  5,
  (q, participant_id: string, step: number, id: string, answers: string, completed_at: number) =>
    q
      .insertInto('completions')
      .values({ participant_id, step, id, answers, completed_at })
      .onConflict((oc) =>
        oc.columns(['participant_id', 'step']).doUpdateSet((eb) => ({
          id: eb.ref('excluded.id'),
          answers: eb.ref('excluded.answers'),
          completed_at: eb.ref('excluded.completed_at'),
        })),
      ),
);

export function putCompletion(store: KioskStore, c: CompletionRow): void {
  completionUpsert.run(store, c.participantId, c.step, c.id, JSON.stringify(c.answers), c.completedAt);
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
