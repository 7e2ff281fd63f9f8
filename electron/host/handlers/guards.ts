/** What handlers check before they act: an enrolled, ready kiosk and a signed-in participant. */
import type { Campaign } from '../../../core/campaign.ts';
import type { ContentPack } from '../../../core/content/schema.ts';
import type { ParticipantRow } from '../../../core/mutations/rows.ts';
import type { Call, HostContext } from '../context.ts';
import { KioskFault } from '../errors.ts';
import type { LocalContext } from '../store/apply-local.ts';
import { keptRegistration } from '../store/merge-apply.ts';
import { getMeta, type Enrollment } from '../store/meta.ts';
import { activationOf, participantById, type LocalActivation } from '../store/rows.ts';

export interface Ready {
  enrollment: Enrollment;
  campaign: Campaign;
  content: ContentPack;
}

/** The kiosk is enrolled and has pulled the campaign and the content pack. */
export function requireReady(host: HostContext): Ready {
  const enrollment = getMeta(host.store, 'enrollment');
  if (!enrollment) throw KioskFault.of(409, 'NOT_ENROLLED');
  const campaign = getMeta(host.store, 'campaign');
  const content = getMeta(host.store, 'content');
  if (!campaign || !content) throw KioskFault.of(503, 'NOT_READY');
  return { enrollment, campaign, content };
}

export function requireParticipant(host: HostContext, call: Call): ParticipantRow {
  const s = host.sessions.touch(call.sessionId);
  if (!s || 'expired' in s) {
    call.sessionId = null;
    throw KioskFault.of(401, s ? 'SESSION_EXPIRED' : 'NOT_SIGNED_IN');
  }
  const p = participantById(host.store, s.participantId) ?? followMerge(host, call, s.participantId);
  if (!p) throw KioskFault.of(401, 'NOT_SIGNED_IN');
  return p;
}

/** A student signed in under a registration the co-organizer merged goes on as the kept one. */
export function followMerge(host: HostContext, call: Call, retiredId: string): ParticipantRow | undefined {
  const keptId = keptRegistration(host.store, retiredId);
  const kept = keptId ? participantById(host.store, keptId) : undefined;
  if (kept) host.sessions.rebind(call.sessionId, kept.id);
  return kept;
}

/** The steps need an activation the server has not refused (pending is enough to start). */
export function requireActivation(host: HostContext, participantId: string): LocalActivation {
  const a = activationOf(host.store, participantId);
  if (!a || a.status === 'rejected') throw KioskFault.of(403, 'NOT_ACTIVATED');
  return a;
}

/** Decision context for a local mutation, judged at server-corrected time. */
export function localContext(host: HostContext, r: Ready): LocalContext {
  return {
    now: new Date(host.clock.now()),
    campaignId: r.campaign.id,
    settings: r.campaign.settings,
    steps: r.content.steps,
    schoolId: r.enrollment.schoolId,
    deviceId: r.enrollment.deviceId,
  };
}
