/**
 * The one way a participant's change enters the kiosk: as a Mutation, decided by the shared
 * domain rules against the local state, with its effects AND its outbox row written in one
 * SQLite transaction. Either both are durable or neither is.
 */
import { decide, type DecideContext, type Decision } from '../../../core/mutations/decide.ts';
import type { Mutation, MutationBody } from '../../../core/mutations/schemas.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { loadState, type DeviceRef } from './load-state.ts';
import type { KioskStore } from './open.ts';
import { Prepared } from './prepared.ts';
import { rowKeyOf } from './row-keys.ts';
import { writeEffect } from './writes.ts';

export type LocalContext = Omit<DecideContext, 'authority' | 'deviceId' | 'schoolId'> & DeviceRef;

export type LocalOutcome =
  | { status: 'accepted'; mutation: Mutation }
  | { status: 'refused'; decision: Exclude<Decision, { status: 'accepted' }> };

const outboxInsert = new Prepared(
  7,
  (
    q,
    id: string,
    name: string,
    args: string,
    at: number,
    participant_id: string,
    row_key: string,
    lease_id: string | null,
  ) => q.insertInto('outbox').values({ id, name, args, at, participant_id, row_key, lease_id }),
);

class Refused extends Error {
  constructor(readonly decision: Exclude<Decision, { status: 'accepted' }>) {
    super('refused');
  }
}

export function applyLocal(store: KioskStore, body: MutationBody, ctx: LocalContext): LocalOutcome {
  const at = ctx.now.getTime();
  const id = uuidv7(at);
  try {
    const mutation = store.tx(() => {
      // The outbox row comes first: its AUTOINCREMENT key is the device counter the mutation carries.
      const leaseId = body.name === 'code.activate' ? (body.args.leaseId ?? null) : null;
      const args = JSON.stringify(body.args);
      const { participantId } = body.args;
      const { lastInsertRowid } = outboxInsert.run(
        store,
        id,
        body.name,
        args,
        at,
        participantId,
        rowKeyOf(body),
        leaseId,
      );
      const m = { ...body, id, seq: Number(lastInsertRowid), at } as Mutation;
      const decision = decide(m, loadState(store, m, ctx), { ...ctx, authority: false });
      // Throwing rolls back the outbox row: a refused change is answered, not queued.
      if (decision.status !== 'accepted') throw new Refused(decision);
      for (const e of decision.effects) writeEffect(store, e);
      return m;
    });
    return { status: 'accepted', mutation };
  } catch (err) {
    if (err instanceof Refused) return { status: 'refused', decision: err.decision };
    throw err;
  }
}
