/**
 * Activation slot leases (escrow): the policy of core/leases.ts, run at each PC's sync round, and
 * the settling of students who wait for a place. A slot is reserved on the code while leased and
 * counted as used once an activation is confirmed from it; a waiting student is confirmed as soon
 * as a place is neither used nor leased, and refused only once confirmed activations fill the code.
 */
import type { Transaction } from 'kysely';
import type { Lease } from '../../core/contracts/sync.ts';
import { uuidv7 } from '../../core/ids.ts';
import { leaseShares } from '../../core/leases.ts';
import type { ActivationRow } from '../../core/mutations/rows.ts';
import type { ServerContext } from '../context.ts';
import type { CentralDB } from '../db/schema.ts';
import { appendSchoolChanges, lockSchools, type NewChange } from './changes.repository.ts';
import {
  waitingOf,
  activeDevices,
  addUsed,
  closeLease,
  expiredLeases,
  insertLease,
  openLeasesOfDevice,
  openLeasesOfSchool,
  renewLeases,
  resizeLease,
  schoolsToSettle,
  setActivations,
  tariffsByCode,
  unplacedOfSchool,
  waitingCodesOfSchool,
  type LeaseDb,
} from './leases.repository.ts';
import { replayParked } from './parked.ts';
import { withRetry } from './retry.ts';
import { activationFromDb } from './rows.ts';
import { waitingByCode } from './state.repository.ts';
import { schoolTariffs } from '../tariffs/tariffs.repository.ts';

type Trx = Transaction<CentralDB>;

/** A PC heard from within this time shares its school's places (a lesson, its break and a margin). */
export const ACTIVE_DEVICE_MS = 2 * 3_600_000;

/** What a PC reports of a lease it holds: slots it has used, its unsent activations included. */
export interface HeldReport {
  id: string;
  used: number;
}

/** What settling moved: students now confirmed (their parked certificates go again) and schools to nudge. */
export interface Settled {
  confirmed: string[];
  schools: Set<string>;
}

const unused = (l: LeaseDb) => l.slots - l.used;
const sum = (ls: readonly LeaseDb[]) => ls.reduce((n, l) => n + unused(l), 0);

/**
 * One PC's lease round: expired leases of its school give their slots back, the PC returns what
 * exceeds its share and is topped up to it, waiting students take freed places first. Returns the
 * PC's leases that still have room.
 */
export async function exchangeLeases(
  ctx: ServerContext,
  device: { id: string; schoolId: string },
  campaignId: string,
  held: readonly HeldReport[],
): Promise<Lease[]> {
  const now = ctx.now();
  const expiresAt = now + ctx.config.leaseTtlMs;
  const reported = new Map(held.map((h) => [h.id, h.used]));
  const { leases, settled } = await withRetry(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockSchools(trx, ctx.store.dialect, [device.schoolId]);
      await releaseExpired(trx, device.schoolId, now);
      const codes = await schoolTariffs(trx, device.schoolId, campaignId).execute();
      const waiting = await waitingByCode(
        trx,
        codes.map((c) => c.code),
      );
      const active = new Set(await activeDevices(trx, device.schoolId, now - ACTIVE_DEVICE_MS)).add(device.id);
      const open = await openLeasesOfSchool(trx, device.schoolId);
      for (const c of codes) {
        const onCode = open.filter((l) => l.code === c.code);
        const holders = [...active].map((id) => ({
          deviceId: id,
          held: sum(onCode.filter((l) => l.device_id === id)),
        }));
        const w = waiting.get(c.code) ?? 0;
        const share = leaseShares({ capacity: c.participants, used: c.used, waiting: w }, holders).get(device.id) ?? 0;
        const mine = onCode.filter((l) => l.device_id === device.id);
        let mineHeld = sum(mine);
        // Give back the excess, newest lease first, never a slot the PC has already used itself.
        for (const l of [...mine].reverse()) {
          if (mineHeld <= share) break;
          const usedHere = Math.min(l.slots, Math.max(l.used, reported.get(l.id) ?? l.used));
          const back = Math.min(l.slots - usedHere, mineHeld - share);
          if (back <= 0) continue;
          await resizeLease(trx, l, -back);
          l.slots -= back;
          c.reserved -= back;
          mineHeld -= back;
        }
        // Top up from places nobody holds or waits for (waiting students are settled first below).
        const free = c.participants - c.used - c.reserved - w;
        const more = Math.min(share - mineHeld, free);
        if (more > 0) {
          const last = mine.at(-1);
          if (last) await resizeLease(trx, last, more);
          else {
            await insertLease(trx, {
              id: uuidv7(now),
              code: c.code,
              device_id: device.id,
              school_id: device.schoolId,
              slots: more,
              used: 0,
              expires_at: expiresAt,
              released_at: null,
            });
          }
        }
      }
      const settled = await settleCodes(
        trx,
        codes.map((c) => c.code),
      );
      const mine = await openLeasesOfDevice(trx, device.id);
      await renewLeases(
        trx,
        mine.map((l) => l.id),
        expiresAt,
      );
      const leases = mine
        .filter((l) => unused(l) > 0)
        .map((l) => ({ id: l.id, code: l.code, slots: l.slots, used: l.used, expiresAt }));
      return { leases, settled };
    }),
  );
  await afterSettling(ctx, settled);
  return leases;
}

/** Closes the school's leases past their time, so their unused slots return to the codes. */
async function releaseExpired(trx: Trx, schoolId: string, now: number): Promise<void> {
  for (const l of await expiredLeases(trx, schoolId, now)) await closeLease(trx, l, now);
}

/**
 * Releases the open leases of a device (revoked, or moved to another school): their unused slots
 * go back to the codes, in the caller's transaction, and waiting students take them.
 */
export async function releaseDeviceLeases(trx: Trx, deviceId: string, now: number): Promise<Settled> {
  const leases = await openLeasesOfDevice(trx, deviceId);
  for (const l of leases) await closeLease(trx, l, now);
  return settleCodes(
    trx,
    leases.map((l) => l.code),
  );
}

/**
 * Gives waiting students of these codes the places that are neither used nor leased, oldest first;
 * once a code's confirmed activations reach its capacity, the students still waiting are refused.
 */
export async function settleCodes(trx: Trx, codes: readonly string[]): Promise<Settled> {
  const settled: Settled = { confirmed: [], schools: new Set() };
  const unique = [...new Set(codes)];
  const waiting = await waitingOf(trx, unique);
  if (waiting.length === 0) return settled;
  const changes: Changed[] = [];
  for (const t of await tariffsByCode(trx, unique)) {
    const list = waiting.filter((a) => a.code === t.code);
    if (list.length === 0) continue;
    const placed = list.slice(0, Math.max(0, t.participants - t.used - t.reserved));
    await setActivations(
      trx,
      placed.map((a) => a.id),
      { status: 'confirmed' },
    );
    await addUsed(trx, t.code, placed.length);
    changes.push(...placed.map((a) => ({ ...a, status: 'confirmed' })));
    settled.confirmed.push(...placed.map((a) => a.participant_id));
    if (t.used + placed.length >= t.participants) {
      const refused = list.slice(placed.length);
      await setActivations(
        trx,
        refused.map((a) => a.id),
        { status: 'refused' },
      );
      changes.push(...refused.map((a) => ({ ...a, status: 'refused' })));
    }
  }
  for (const s of await emitActivations(trx, changes)) settled.schools.add(s);
  return settled;
}

/**
 * A new tariff of the school (point 1.4 of the instruction): its places confirm the school's
 * students who wait for a place or were refused because a code was full, oldest first, without
 * any of them typing the new code. Runs in the tariff's own transaction.
 */
export async function placeOnNewTariff(
  trx: Trx,
  schoolId: string,
  tariff: { code: string; participants: number },
): Promise<Settled> {
  const unplaced = (await unplacedOfSchool(trx, schoolId)).slice(0, tariff.participants);
  await setActivations(
    trx,
    unplaced.map((a) => a.id),
    { status: 'confirmed', code: tariff.code },
  );
  await addUsed(trx, tariff.code, unplaced.length);
  const changes = unplaced.map((a) => ({ ...a, status: 'confirmed', code: tariff.code, lease_id: null }));
  return { confirmed: unplaced.map((a) => a.participant_id), schools: new Set(await emitActivations(trx, changes)) };
}

/** After the commit that settled students: their parked certificates go again; PCs and cabinets hear. */
export async function afterSettling(ctx: ServerContext, settled: Settled): Promise<void> {
  if (settled.confirmed.length) {
    for (const s of await replayParked(ctx, settled.confirmed)) settled.schools.add(s);
  }
  for (const s of settled.schools) ctx.nudge(s);
}

/**
 * The server's own round, every minute: leases of PCs that went quiet expire and their places
 * confirm the students waiting for them, even when no PC of that school syncs.
 */
export async function settleAll(ctx: ServerContext): Promise<void> {
  const now = ctx.now();
  for (const schoolId of await schoolsToSettle(ctx.db, now)) {
    const settled = await withRetry(() =>
      ctx.db.transaction().execute(async (trx) => {
        await lockSchools(trx, ctx.store.dialect, [schoolId]);
        await releaseExpired(trx, schoolId, now);
        return settleCodes(trx, await waitingCodesOfSchool(trx, schoolId));
      }),
    );
    await afterSettling(ctx, settled);
  }
}

type Changed = Awaited<ReturnType<typeof waitingOf>>[number];

/** Puts changed activations in the feeds of the student's school and of the code's school. */
async function emitActivations(trx: Trx, rows: readonly Changed[]): Promise<string[]> {
  const bySchool = new Map<string, NewChange[]>();
  for (const r of rows) {
    const data: ActivationRow = activationFromDb(r);
    const c: NewChange = { entity: 'activation', key: r.participant_id, data };
    for (const s of new Set([r.home_school_id, r.school_id])) {
      const list = bySchool.get(s) ?? [];
      list.push(c);
      bySchool.set(s, list);
    }
  }
  const schools = [...bySchool.keys()].sort();
  for (const s of schools) await appendSchoolChanges(trx, s, bySchool.get(s)!);
  return schools;
}
