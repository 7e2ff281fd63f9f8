/**
 * Recognising what the server already has: a retried batch, a twin racing its original.
 */
import type { Transaction } from 'kysely';
import type { MutationOutcome } from '../../core/contracts/sync.ts';
import type { Mutation } from '../../core/mutations/schemas.ts';
import type { CentralDB } from '../db/schema.ts';

/**
 * The highest number applied per device, as this process last committed it, per store. Only a
 * hint that spares a read: the stored value can only be higher (another node applied more), and a
 * batch wrongly taken for new meets the log's primary key and is redone with a full lookup.
 */
const appliedByStore = new WeakMap<object, Map<string, number>>();

export function rememberApplied(store: object, deviceId: string, seq: number): void {
  let applied = appliedByStore.get(store);
  if (!applied) appliedByStore.set(store, (applied = new Map()));
  if ((applied.get(deviceId) ?? 0) < seq) applied.set(deviceId, seq);
}

/**
 * Whether any mutation of the batch may already be stored. A device numbers its mutations, and
 * the server remembers the highest number applied; a batch entirely above it is new, which
 * spares the id lookup on the common path (Replicache's lastMutationID rule).
 */
export async function mayBeRetry(
  trx: Transaction<CentralDB>,
  store: object,
  deviceId: string | null,
  batch: { m: Mutation }[],
): Promise<boolean> {
  if (!deviceId) return true;
  let lastSeq = appliedByStore.get(store)?.get(deviceId);
  if (lastSeq === undefined) {
    const device = await trx.selectFrom('devices').select('last_seq').where('id', '=', deviceId).executeTakeFirst();
    if (!device) return true;
    lastSeq = device.last_seq;
    rememberApplied(store, deviceId, lastSeq);
  }
  return batch.some((v) => v.m.seq <= lastSeq);
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function storedOutcome(
  id: string,
  r: { status: string; code: string | null; message: string | null },
): MutationOutcome {
  if (r.status === 'rejected') return { id, status: 'rejected', code: r.code ?? 'UNKNOWN', message: r.message ?? '' };
  return { id, status: r.status === 'parked' ? 'parked' : 'accepted' };
}
