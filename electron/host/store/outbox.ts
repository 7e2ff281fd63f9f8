/**
 * The outbox: mutations applied here and not yet acknowledged by the server, in device order.
 * The server stores every mutation it answers (accepted, parked or rejected), so each answered
 * one leaves the outbox; a rejected one leaves a notice for the student and corrects the row.
 */
import type { MutationOutcome } from '../../../core/contracts/sync.ts';
import { uuidv7 } from '../../../core/ids.ts';
import type { Mutation } from '../../../core/mutations/schemas.ts';
import { eraseParticipantsHere, wipeErasedBytes } from './erase-participants.ts';
import type { KioskStore } from './open.ts';
import { Prepared } from './prepared.ts';
import { releaseDeferred } from './pull-apply.ts';
import type { KioskDB } from './schema.ts';

type OutboxRow = Pick<KioskDB['outbox'], 'id' | 'name' | 'args' | 'at'> & { seq: number };

const oldestFirst = new Prepared(2, (q, afterSeq: number, limit: number) =>
  q
    .selectFrom('outbox')
    .select(['seq', 'id', 'name', 'args', 'at'])
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit),
);

/** The oldest queued mutations, those after `afterSeq` (a batch already on its way) when given. */
export function outboxBatch(store: KioskStore, limit: number, afterSeq = 0): Mutation[] {
  return (oldestFirst.all(store, afterSeq, limit) as OutboxRow[]).map(
    (r) => ({ name: r.name, args: JSON.parse(r.args), id: r.id, seq: r.seq, at: r.at }) as Mutation,
  );
}

const pendingCount = new Prepared(0, (q) => q.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')));

/** The oldest queued change is the first by seq (seq follows the clock here), so no scan for min(at). */
export function outboxStats(store: KioskStore): { pending: number; oldestPendingAt: number | null } {
  const pending = Number(pendingCount.first(store)?.n ?? 0);
  const oldest = pending ? oldestFirst.first(store, 0, 1) : undefined;
  return { pending, oldestPendingAt: oldest?.at ?? null };
}

type Refusal = Extract<MutationOutcome, { status: 'rejected' | 'conflict' }>;

function noteRejection(store: KioskStore, m: Mutation, o: Refusal, now: number): void {
  store.run(
    store.q.insertInto('notices').values({
      id: uuidv7(now),
      participant_id: m.args.participantId,
      mutation_id: m.id,
      code: o.code,
      message: o.message,
      at: now,
    }),
  );
  // A conflict is the server keeping two versions of one id; only a rejection undoes the slot.
  // A full code is «refused», not «rejected»: the student goes on, and a new tariff seats them.
  if (m.name === 'code.activate' && o.status === 'rejected') {
    store.run(
      store.q
        .updateTable('activations')
        .set({ status: o.code === 'CODE_FULL' ? 'refused' : 'rejected', message: o.message })
        .where('participant_id', '=', m.args.participantId) // the key: no scan of every activation
        .where('id', '=', m.args.activationId),
    );
  }
}

/** An activation the server accepted: compiled once (a batch of registrations carries hundreds). */
const activationAnswered = new Prepared(
  3,
  (q, status: KioskDB['activations']['status'], participantId: string, id: string) =>
    q
      .updateTable('activations')
      .set({ status, message: null })
      .where('participant_id', '=', participantId) // the key: no scan of every activation
      .where('id', '=', id),
);

/**
 * Records the server's outcomes for a pushed batch in one transaction. A mutation the server did
 * not answer stays queued and goes again. Returns the outcomes by mutation id.
 */
export function acknowledge(store: KioskStore, sent: Mutation[], outcomes: MutationOutcome[], now: number) {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  // Unsynced: the server has these for good, and answers them again from its log if a power cut
  // takes this commit back (an fsync a batch was most of the push's time on the kiosk).
  const erased = new Set<string>();
  store.txUnsynced(() => {
    const answered: number[] = [];
    for (const m of sent) {
      const o = byId.get(m.id);
      if (!o) continue;
      answered.push(m.seq);
      if (o.status === 'accepted' && m.name === 'code.activate') {
        // The authority gave it a place for good, or keeps it until one comes back.
        activationAnswered.run(store, o.waiting ? 'waiting' : 'confirmed', m.args.participantId, m.args.activationId);
      }
      // The person was erased at the centre while this PC held their changes: they go, not a notice.
      if (o.status === 'rejected' && o.code === 'PARTICIPANT_ERASED') erased.add(m.args.participantId);
      else if (o.status === 'rejected' || o.status === 'conflict') noteRejection(store, m, o, now);
    }
    // One statement for the whole batch (a DELETE per mutation was most of the push's host time).
    store.statement('DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))').run(JSON.stringify(answered));
    releaseDeferred(store);
    eraseParticipantsHere(store, [...erased]);
  });
  if (erased.size) wipeErasedBytes(store);
  return byId;
}

/** Refusals of a code: once the student holds an activation that stands, they are history. */
const CODE_REFUSALS = ['CODE_UNKNOWN', 'CODE_FULL', 'CODE_NOT_YET_ACTIVE', 'ALREADY_ACTIVATED'];

export function noticesOf(store: KioskStore, participantId: string) {
  const activation = store.first(
    store.q.selectFrom('activations').select('status').where('participant_id', '=', participantId),
  );
  const codeSettled = !!activation && activation.status !== 'rejected';
  return store
    .all(
      store.q
        .selectFrom('notices')
        .select(['id', 'code', 'message', 'at'])
        .where('participant_id', '=', participantId)
        .$if(codeSettled, (q) => q.where('code', 'not in', CODE_REFUSALS))
        .orderBy('at', 'desc')
        .limit(20),
    )
    .map((n) => ({ ...n }));
}

/** Removes a notice the student has read; only their own. */
export function dismissNotice(store: KioskStore, participantId: string, id: string): void {
  store.run(store.q.deleteFrom('notices').where('id', '=', id).where('participant_id', '=', participantId));
}

export type LocalOutcomeView =
  { status: 'unsent' } | { status: 'stored' } | { status: 'rejected'; code: string; message: string };

/** What became of a mutation this kiosk made: still queued, stored by the server, or refused. */
export function outcomeOf(store: KioskStore, mutationId: string): LocalOutcomeView {
  if (store.first(store.q.selectFrom('outbox').select('seq').where('id', '=', mutationId))) return { status: 'unsent' };
  const n = store.first(
    store.q.selectFrom('notices').select(['code', 'message']).where('mutation_id', '=', mutationId),
  );
  return n ? { status: 'rejected', ...n } : { status: 'stored' };
}

/** Drops a registration the server refused while the student was still at the form. */
export function forgetParticipant(store: KioskStore, participantId: string): void {
  store.tx(() => {
    store.run(store.q.deleteFrom('participants').where('id', '=', participantId));
    store.run(store.q.deleteFrom('notices').where('participant_id', '=', participantId));
  });
}
