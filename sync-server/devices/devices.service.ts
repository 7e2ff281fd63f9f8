/**
 * Classroom PCs (devices): enrollment by a one-time code from the co-organizer, revocation, and
 * the health each device reports, which staff see in the cabinet and the dashboard.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { gatherPart, isGathering } from '../sync/batch.ts';
import type { Device, RejectionRecord } from '../../core/contracts/api.ts';
import type { DeviceHealth, EnrollResponse } from '../../core/contracts/sync.ts';
import { normalizeCode } from '../../core/codes.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { ServerContext } from '../context.ts';
import type { CentralDB } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import { afterSettling, releaseDeviceLeases } from '../sync/leases.service.ts';
import { digest, newCredential, newEnrollmentCode } from './secrets.ts';
import { usableEnrollmentCode } from './enrollment.repository.ts';

const ENROLLMENT_TTL_MS = 7 * 24 * 3_600_000;

export async function createEnrollmentCode(ctx: ServerContext, schoolId: string, userId: string) {
  const code = newEnrollmentCode();
  const expiresAt = ctx.now() + ENROLLMENT_TTL_MS;
  await ctx.db
    .insertInto('enrollment_codes')
    .values({
      code_hash: digest(code),
      school_id: schoolId,
      created_by: userId,
      expires_at: expiresAt,
      used_at: null,
      device_id: null,
    })
    .execute();
  return { code, expiresAt };
}

export interface EnrollInput {
  enrollmentCode: string;
  deviceName: string;
  instanceId: string;
  appVersion: string;
  unsent?: { schoolId: string; changes: number } | undefined;
}

/** Exchanges a one-time enrollment code for a device credential bound to the code's school. */
export async function enrollDevice(ctx: ServerContext, input: EnrollInput): Promise<EnrollResponse> {
  const now = ctx.now();
  const hash = digest(normalizeCode(input.enrollmentCode));
  const credential = newCredential();
  const deviceId = uuidv7(now);
  const schoolId = await ctx.db.transaction().execute(async (trx) => {
    if (input.unsent) {
      const code = await usableEnrollmentCode(trx, hash, now);
      // Refused before the claim: the co-organizer's code stays good for when the PC is ready.
      if (code && code.school_id !== input.unsent.schoolId) throw HttpError.of(409, 'ENROLL_UNSENT');
    }
    // Claiming the code and creating the device commit together, so a code enrolls one device.
    const claimed = await trx
      .updateTable('enrollment_codes')
      .set({ used_at: now, device_id: deviceId })
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('school_id')
      .executeTakeFirst();
    if (!claimed) throw HttpError.of(403, 'ENROLLMENT_INVALID');
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        school_id: claimed.school_id,
        name: input.deviceName,
        credential_hash: digest(credential),
        instance_id: input.instanceId,
        enrolled_at: now,
        revoked_at: null,
        last_seen_at: now,
        pending: 0,
        oldest_pending_at: null,
        last_sync_at: null,
        last_error: null,
        clock_offset_ms: null,
        app_version: input.appVersion,
        signed_in: null,
      })
      .execute();
    return claimed.school_id;
  });
  ctx.log.info({ deviceId, schoolId }, 'device enrolled');
  const school = await ctx.db
    .selectFrom('schools')
    .select(['id', 'region', 'locality', 'name'])
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return { deviceId, credential, schoolId, school, serverTime: now };
}

export interface AuthedDevice {
  id: string;
  schoolId: string;
  instanceId: string;
  lastSeq: number;
}

/** Resolves a bearer credential; a revoked device is refused (what it pushed before stays). */
export async function authenticateDevice(ctx: ServerContext, credential: string | undefined): Promise<AuthedDevice> {
  if (!credential) throw HttpError.of(401, 'DEVICE_UNKNOWN');
  const row = await ctx.db
    .selectFrom('devices')
    .select(['id', 'school_id', 'instance_id', 'revoked_at', 'last_seq'])
    .where('credential_hash', '=', digest(credential))
    .executeTakeFirst();
  if (!row) throw HttpError.of(401, 'DEVICE_UNKNOWN');
  if (row.revoked_at !== null) throw HttpError.of(403, 'DEVICE_REVOKED');
  return { id: row.id, schoolId: row.school_id, instanceId: row.instance_id, lastSeq: row.last_seq };
}

/**
 * What a push tells about its device, in one statement of the push's own transaction: when it was
 * last seen, its reported health, and the highest mutation number applied (never moving back).
 */
export async function recordPush(
  db: Kysely<CentralDB> | Transaction<CentralDB>,
  deviceId: string,
  health: DeviceHealth | undefined,
  now: number,
  maxSeq: number | null,
): Promise<void> {
  const update = db
    .updateTable('devices')
    .set((eb) => ({
      last_seen_at: now,
      ...(health && {
        pending: health.pending,
        oldest_pending_at: health.oldestPendingAt,
        last_sync_at: health.lastSyncAt,
        last_error: health.lastError,
        clock_offset_ms: health.clockOffsetMs,
        app_version: health.appVersion,
        signed_in: health.signedIn ? JSON.stringify(health.signedIn) : null,
      }),
      ...(maxSeq !== null && {
        // eb.val: a bare `then(n)` is written into the SQL text, a new statement every push.
        last_seq: eb.case().when('last_seq', '<', maxSeq).then(eb.val(maxSeq)).else(eb.ref('last_seq')).end(),
      }),
    }))
    .where('id', '=', deviceId);
  // Part of the push's one statement on PostgreSQL (sync/batch.ts), or a statement of its own.
  if (isGathering(db)) gatherPart(db, sql`${update}`);
  else await update.execute();
}

export async function listDevices(ctx: ServerContext, schoolId: string): Promise<Device[]> {
  const rows = await ctx.db
    .selectFrom('devices')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('enrolled_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enrolledAt: r.enrolled_at,
    revokedAt: r.revoked_at,
    lastSeenAt: r.last_seen_at,
    pending: r.pending,
    oldestPendingAt: r.oldest_pending_at,
    lastError: r.last_error,
    clockOffsetMs: r.clock_offset_ms,
    appVersion: r.app_version,
  }));
}

/** Revokes a device of this school; another school's device id is simply not found. */
export async function revokeDevice(ctx: ServerContext, schoolId: string, deviceId: string): Promise<void> {
  const now = ctx.now();
  // Revocation and the return of its unused activation slots commit together.
  const settled = await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('devices')
      .set({ revoked_at: now })
      .where('id', '=', deviceId)
      .where('school_id', '=', schoolId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw HttpError.of(404, 'NOT_FOUND');
    return releaseDeviceLeases(trx, deviceId, now);
  });
  // Students waiting for a place may have had one of the slots it held.
  await afterSettling(ctx, settled);
  ctx.log.info({ deviceId, schoolId }, 'device revoked');
}

/** The query behind listRejections, on its own so a test can check its plan. */
export function rejectionsQuery(db: Kysely<CentralDB>, schoolId: string, limit: number) {
  return db
    .selectFrom('mutations')
    .select(['id', 'device_id', 'name', 'code', 'message', 'participant_id', 'received_at'])
    .where('school_id', '=', schoolId)
    .where('status', '=', sql.lit('rejected')) // a literal, which the partial index matches
    .orderBy('received_at', 'desc')
    .limit(limit);
}

/** Mutations of this school the server refused, newest first, for the co-organizer to act on. */
export async function listRejections(ctx: ServerContext, schoolId: string, limit = 200): Promise<RejectionRecord[]> {
  const rows = await rejectionsQuery(ctx.db, schoolId, limit).execute();
  return rows.map((r) => ({
    mutationId: r.id,
    deviceId: r.device_id,
    name: r.name,
    code: r.code ?? 'UNKNOWN',
    message: r.message ?? '',
    participantId: r.participant_id,
    receivedAt: r.received_at,
  }));
}
