/**
 * Recognising what the server already has: a retried batch, a twin racing its original.
 */
import type { Transaction } from 'kysely';
import type { MutationOutcome } from '../../core/contracts/sync.ts';
import type { Mutation } from '../../core/mutations/schemas.ts';
import type { CentralDB } from '../db/schema.ts';

/**
 * Whether any mutation of the batch may already be stored. A device numbers its mutations, and
 * the server remembers the highest number applied; a batch entirely above it is new, which
 * spares the id lookup on the common path (Replicache's lastMutationID rule).
 */
export async function mayBeRetry(
  trx: Transaction<CentralDB>,
  deviceId: string | null,
  batch: { m: Mutation }[],
): Promise<boolean> {
  if (!deviceId) return true;
  const device = await trx.selectFrom('devices').select('last_seq').where('id', '=', deviceId).executeTakeFirst();
  if (!device) return true;
  return batch.some((v) => v.m.seq <= device.last_seq);
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
