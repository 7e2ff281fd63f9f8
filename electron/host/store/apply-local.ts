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
import { rowKeyOf } from './row-keys.ts';
import { writeEffect } from './writes.ts';

export type LocalContext = Omit<DecideContext, 'authority' | 'deviceId' | 'schoolId'> & DeviceRef;

export type LocalOutcome =
  | { status: 'accepted'; mutation: Mutation }
  | { status: 'refused'; decision: Exclude<Decision, { status: 'accepted' }> };

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
      const { lastInsertRowid } = store.run(
        store.q.insertInto('outbox').values({
          id,
          name: body.name,
          args: JSON.stringify(body.args),
          at,
          participant_id: body.args.participantId,
          row_key: rowKeyOf(body),
          lease_id: body.name === 'code.activate' ? (body.args.leaseId ?? null) : null,
        }),
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
