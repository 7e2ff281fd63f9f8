/**
 * Activation slot leases (escrow). A school's enrolled device holds a few slots of each of its
 * school's codes, so it can activate students while offline without any code ever exceeding
 * its capacity: a slot is reserved on the code when leased and counted as used when activated.
 * Expired or revoked leases give their unused slots back.
 */
import type { Transaction } from 'kysely';
import type { Lease } from '../../core/contracts/sync.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { ServerContext } from '../context.ts';
import type { CentralDB } from '../db/schema.ts';
import { lockSchools } from './changes.repository.ts';
import { withRetry } from './retry.ts';

/**
 * Releases the open leases that `which` selects (a device's when it is revoked, a school's
 * expired ones): their unused slots go back to the codes, in the caller's transaction.
 */
export async function releaseLeases(
  trx: Transaction<CentralDB>,
  which: { deviceId: string } | { schoolId: string; expiredBy: number },
  now: number,
): Promise<void> {
  let q = trx.selectFrom('leases').select(['id', 'code', 'slots', 'used']).where('released_at', 'is', null);
  q =
    'deviceId' in which
      ? q.where('device_id', '=', which.deviceId)
      : q.where('school_id', '=', which.schoolId).where('expires_at', '<=', which.expiredBy);
  for (const l of await q.execute()) {
    await trx.updateTable('leases').set({ released_at: now }).where('id', '=', l.id).execute();
    await trx
      .updateTable('tariffs')
      .set((eb) => ({ reserved: eb('reserved', '-', l.slots - l.used) }))
      .where('code', '=', l.code)
      .execute();
  }
}

/** Tops up this device's leases: up to `slotsPerCode` free slots on each code of its school. */
export async function grantLeases(
  ctx: ServerContext,
  device: { id: string; schoolId: string },
  campaignId: string,
  slotsPerCode: number,
): Promise<Lease[]> {
  const now = ctx.now();
  const expiresAt = now + ctx.config.leaseTtlMs;
  return withRetry(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockSchools(trx, ctx.store.dialect, [device.schoolId]);
      await releaseLeases(trx, { schoolId: device.schoolId, expiredBy: now }, now);
      const codes = await trx
        .selectFrom('tariffs')
        .select(['code', 'participants', 'used', 'reserved'])
        .where('school_id', '=', device.schoolId)
        .where('campaign_id', '=', campaignId)
        .orderBy('created_at')
        .execute();
      const mine = await trx
        .selectFrom('leases')
        .selectAll()
        .where('device_id', '=', device.id)
        .where('released_at', 'is', null)
        .execute();
      const result: Lease[] = [];
      for (const c of codes) {
        const held = mine.filter((l) => l.code === c.code);
        for (const l of held) {
          await trx.updateTable('leases').set({ expires_at: expiresAt }).where('id', '=', l.id).execute();
        }
        const free = held.reduce((n, l) => n + (l.slots - l.used), 0);
        const available = c.participants - c.used - c.reserved;
        const want = Math.min(slotsPerCode - free, available);
        if (want > 0) {
          const lease = {
            id: uuidv7(now),
            code: c.code,
            device_id: device.id,
            school_id: device.schoolId,
            slots: want,
            used: 0,
            expires_at: expiresAt,
            released_at: null,
          };
          await trx.insertInto('leases').values(lease).execute();
          await trx
            .updateTable('tariffs')
            .set((eb) => ({ reserved: eb('reserved', '+', want) }))
            .where('code', '=', c.code)
            .execute();
          held.push(lease);
        }
        for (const l of held) {
          if (l.slots - l.used > 0) result.push({ id: l.id, code: l.code, slots: l.slots, used: l.used, expiresAt });
        }
      }
      return result;
    }),
  );
}
