/** The SQL of activation leases and of the places they hold on codes (rules: leases.service.ts). */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CentralDB, LeasesTable } from '../db/schema.ts';

type Trx = Transaction<CentralDB>;
export type LeaseDb = Selectable<LeasesTable>;

export function openLeasesOfSchool(trx: Trx, schoolId: string): Promise<LeaseDb[]> {
  return trx
    .selectFrom('leases')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('released_at', 'is', null)
    .orderBy('id')
    .execute();
}

export function openLeasesOfDevice(trx: Trx, deviceId: string): Promise<LeaseDb[]> {
  return trx
    .selectFrom('leases')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('released_at', 'is', null)
    .execute();
}

export function expiredLeases(trx: Trx, schoolId: string, now: number): Promise<LeaseDb[]> {
  return trx
    .selectFrom('leases')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('released_at', 'is', null)
    .where('expires_at', '<=', now)
    .execute();
}

/** Closes a lease; its unused slots stop being reserved on the code. */
export async function closeLease(trx: Trx, l: LeaseDb, now: number): Promise<void> {
  await trx.updateTable('leases').set({ released_at: now }).where('id', '=', l.id).execute();
  await moveReserved(trx, l.code, -(l.slots - l.used));
}

/** Changes a lease's size by `delta` slots (negative: gives them back), reserved on the code alike. */
export async function resizeLease(trx: Trx, l: LeaseDb, delta: number): Promise<void> {
  if (delta === 0) return;
  await trx
    .updateTable('leases')
    .set((eb) => ({ slots: eb('slots', '+', delta) }))
    .where('id', '=', l.id)
    .execute();
  await moveReserved(trx, l.code, delta);
}

export async function insertLease(trx: Trx, l: LeaseDb): Promise<void> {
  await trx.insertInto('leases').values(l).execute();
  await moveReserved(trx, l.code, l.slots - l.used);
}

export async function renewLeases(trx: Trx, ids: readonly string[], expiresAt: number): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('leases')
    .set({ expires_at: expiresAt })
    .where('id', 'in', [...ids])
    .execute();
}

async function moveReserved(trx: Trx, code: string, delta: number): Promise<void> {
  if (delta === 0) return;
  await trx
    .updateTable('tariffs')
    .set((eb) => ({ reserved: eb('reserved', '+', delta) }))
    .where('code', '=', code)
    .execute();
}

/** The school's PCs heard from since `since` and not revoked: those that share its codes' places. */
export async function activeDevices(trx: Trx, schoolId: string, since: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('devices')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('revoked_at', 'is', null)
    .where('last_seen_at', '>=', since)
    .execute();
  return rows.map((r) => r.id);
}

export function tariffsByCode(trx: Trx, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('tariffs')
    .select(['code', 'participants', 'used', 'reserved', 'school_id', 'campaign_id'])
    .where('code', 'in', [...codes])
    .execute();
}

/**
 * Activations of these codes waiting for a place, oldest first (the order places are given in).
 * The status is a literal: the partial index (migration 015) holds only the waiting ones.
 */
export function waitingOf(trx: Trx, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('activations')
    .innerJoin('participants', 'participants.id', 'activations.participant_id')
    .selectAll('activations')
    .select('participants.school_id as home_school_id')
    .where('activations.code', 'in', [...codes])
    .where('activations.status', '=', sql.lit('waiting'))
    .orderBy('activations.created_at')
    .orderBy('activations.id')
    .execute();
}

/** Waiting or refused activations of a school's codes (what a new tariff of the school confirms). */
export function unplacedOfSchool(trx: Trx, schoolId: string) {
  return trx
    .selectFrom('activations')
    .innerJoin('participants', 'participants.id', 'activations.participant_id')
    .selectAll('activations')
    .select('participants.school_id as home_school_id')
    .where('activations.school_id', '=', schoolId)
    .where('activations.status', 'in', [sql.lit('waiting'), sql.lit('refused')]) // literals: the partial index
    .orderBy('activations.created_at')
    .orderBy('activations.id')
    .execute();
}

export async function setActivations(
  trx: Trx,
  ids: readonly string[],
  set: { status: string; code?: string },
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('activations')
    .set(set)
    .where('id', 'in', [...ids])
    .execute();
}

export async function addUsed(trx: Trx, code: string, n: number): Promise<void> {
  if (n === 0) return;
  await trx
    .updateTable('tariffs')
    .set((eb) => ({ used: eb('used', '+', n) }))
    .where('code', '=', code)
    .execute();
}

/** Codes of the school that students wait on. */
export async function waitingCodesOfSchool(trx: Trx, schoolId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('activations')
    .select('code')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('status', '=', sql.lit('waiting'))
    .execute();
  return rows.map((r) => r.code);
}

/** Schools that have students waiting for a place, or leases past their time. */
export async function schoolsToSettle(db: Trx | Kysely<CentralDB>, now: number): Promise<string[]> {
  const waiting = await db
    .selectFrom('activations')
    .select('school_id')
    .distinct()
    .where('status', '=', sql.lit('waiting'))
    .execute();
  const expired = await db
    .selectFrom('leases')
    .select('school_id')
    .distinct()
    .where('released_at', 'is', null)
    .where('expires_at', '<=', now)
    .execute();
  return [...new Set([...waiting, ...expired].map((r) => r.school_id))];
}
