/** Technical support: the PCs' health with alerts, and a participant's traces and password. */
import type { Fleet, FleetQuery, ParticipantCard, ParticipantHits } from '../../core/contracts/support.ts';
import { deviceAlerts } from '../../core/fleet.ts';
import { supportMessages as m } from '../../core/messages/dashboard.ts';
import { recordAudit, type Actor } from '../audit/audit.repository.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';
import { listDevices } from '../devices/devices.service.ts';
import { HttpError } from '../http/errors.ts';
import { resetParticipantPassword } from '../results/student-password.service.ts';
import { countFleet, findParticipant, findParticipants, listFleet, participantTraces } from './support.repository.ts';

export async function fleet(ctx: ServerContext, q: FleetQuery): Promise<Fleet> {
  const now = ctx.now();
  const [rows, counts] = await Promise.all([listFleet(ctx.db, q, now), countFleet(ctx.db, q, now)]);
  const devices = rows.map((r) => {
    const d = {
      id: r.id,
      name: r.name,
      enrolledAt: Number(r.enrolled_at),
      revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
      lastSeenAt: r.last_seen_at === null ? null : Number(r.last_seen_at),
      pending: r.pending,
      oldestPendingAt: r.oldest_pending_at === null ? null : Number(r.oldest_pending_at),
      lastError: r.last_error,
      clockOffsetMs: r.clock_offset_ms === null ? null : Number(r.clock_offset_ms),
      appVersion: r.app_version,
      school: { id: r.school_id, region: r.region, locality: r.locality, name: r.school_name },
    };
    const oldestPendingAgeMs = d.oldestPendingAt === null || !d.pending ? null : Math.max(0, now - d.oldestPendingAt);
    return { ...d, oldestPendingAgeMs, alerts: deviceAlerts(d, now) };
  });
  return { devices, total: counts.total, alerts: { silent: counts.silent, clock: counts.clock }, serverTime: now };
}

type Row = NonNullable<Awaited<ReturnType<typeof findParticipant>>>;
const hit = (r: Omit<Row, 'campaign_id'>) => ({
  id: r.id,
  surname: r.surname,
  name: r.name,
  email: r.email,
  schoolClass: r.school_class,
  school: { id: r.school_id, region: r.region, locality: r.locality, name: r.school_name },
  registeredAt: Number(r.created_at),
});

export async function searchParticipants(ctx: ServerContext, text: string): Promise<ParticipantHits> {
  const LIMIT = 50;
  const rows = await findParticipants(ctx.db, text, LIMIT + 1);
  return { participants: rows.slice(0, LIMIT).map(hit), more: rows.length > LIMIT };
}

export async function participantCard(ctx: ServerContext, id: string): Promise<ParticipantCard> {
  const row = await findParticipant(ctx.db, id);
  if (!row) throw new HttpError(404, 'NOT_FOUND', m.participantNotFound);
  const [traces, devices] = await Promise.all([participantTraces(ctx.db, id), listDevices(ctx, row.school_id)]);
  const a = traces.activation;
  return {
    participant: hit(row),
    activation: a ? { code: a.code, status: a.status, at: Number(a.created_at), deviceName: a.name ?? null } : null,
    stepCount: loadContentPack(ctx.config.contentPackFile).steps.length,
    completedSteps: traces.steps,
    certificate: traces.certificate,
    devices: devices.map((d) => ({ ...d, activatedHere: d.id === a?.device_id })),
    held: traces.held.map((h) => ({
      mutationId: h.id,
      name: h.name,
      status: h.status as 'parked' | 'rejected',
      code: h.code,
      message: h.message,
      receivedAt: Number(h.received_at),
      deviceName: h.device_name ?? null,
    })),
  };
}

/** A new password for a participant who forgot theirs, audited; their school's kiosks pull it. */
export async function resetPassword(ctx: ServerContext, actor: Actor, id: string): Promise<{ password: string }> {
  const row = await findParticipant(ctx.db, id);
  if (!row) throw new HttpError(404, 'NOT_FOUND', m.participantNotFound);
  const password = await resetParticipantPassword(ctx, id, (trx) =>
    recordAudit(trx, ctx.now(), actor, 'participant.password', id, {
      label: `${row.surname} ${row.name}, ${row.email}`,
      schoolId: row.school_id,
    }),
  );
  return { password };
}
