/**
 * The participant's account on the web: «Регистрация» (a mutation like a kiosk's, decided by the
 * same rules, the student's region window included), «Войти» (rate-limited like the cabinet's),
 * «Выйти», and who is signed in.
 */
import { isRegistrationOpen } from '../../core/campaign.ts';
import { registrationRefusalField, reject } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { kioskMessages } from '../../core/messages/kiosk.ts';
import type { ParticipantRow } from '../../core/mutations/rows.ts';
import { hashPassword, verifyPassword } from '../../core/node/password.ts';
import { WEB_SCHOOL_ID } from '../../core/web.ts';
import { RateLimited } from '../auth/rate-limited.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { activeCampaign } from '../sync/campaign-cache.ts';
import { isRetiredEmail } from '../sync/merges.repository.ts';
import { applyPendingIndividual } from './individual-tariff.service.ts';
import { ensureWebSchool, participantByEmail, participantById } from './participant.repository.ts';
import { endParticipantSession, sessionParticipantId, startParticipantSession } from './participant-sessions.ts';
import { fault, participantView, pushOne, refused, requireParticipant, type WebHandler } from './web-call.ts';

/** A personal device at home: signed out after an hour of silence rather than the classroom's minutes. */
const WEB_IDLE_MINUTES = 60;

export const status: WebHandler<'status'> = async (_input, _call, ctx) => {
  const { campaign } = await activeCampaign(ctx);
  return {
    enrolled: true,
    school: null,
    campaignTitle: campaign.title,
    // The page's own outbox fills in what waits to be sent (renderer's web bridge).
    sync: { online: true, pending: 0, lastSyncAt: ctx.now(), lastError: null },
    autoLogoutMinutes: WEB_IDLE_MINUTES,
    serverUrl: null,
  };
};

export const registrationForm: WebHandler<'registrationForm'> = async (_input, _call, ctx) => {
  const { campaign } = await activeCampaign(ctx);
  const s = campaign.settings;
  const now = new Date(ctx.now());
  return {
    defaults: { region: '', locality: '', schoolName: '' },
    consent: s.consent,
    parentConsentUpToClass: s.parentConsentUpToClass,
    registrationOpen: s.regionWindows.some((w) => isRegistrationOpen(s, now, w.region)),
  };
};

export const register: WebHandler<'register'> = async (input, call, ctx) => {
  const active = await activeCampaign(ctx);
  const consent = active.campaign.settings.consent;
  if (input.consentVersion !== consent.version) {
    throw fault(409, 'INVALID_INPUT', { consentVersion: consent.text.slice(0, 200) });
  }
  await ensureWebSchool(ctx);
  const participantId = uuidv7(ctx.now());
  const outcome = await pushOne(
    ctx,
    WEB_SCHOOL_ID,
    {
      body: {
        name: 'participant.register',
        args: {
          participantId,
          profile: input.profile,
          passwordHash: await hashPassword(input.password),
          consentVersion: input.consentVersion,
          consentAt: ctx.now(),
          parentConsent: input.parentConsent,
        },
      },
    },
    active,
  );
  const no = refused(outcome, outcome.status === 'rejected' ? registrationRefusalField(outcome.code) : undefined);
  if (no) throw no;
  await startParticipantSession(ctx, call.req, call.res, participantId);
  return { participant: await participantView(ctx, await requireById(ctx, participantId)) };
};

async function requireById(ctx: ServerContext, id: string): Promise<ParticipantRow> {
  const p = await participantById(ctx, id);
  if (!p) throw fault(500, 'INTERNAL');
  return p;
}

export const login: WebHandler<'login'> = async (input, call, ctx) => {
  const ip = call.req.ip ?? 'unknown';
  const wait = await call.limiter.blockedForMs(ip, input.email);
  if (wait > 0) throw RateLimited.refuse('TOO_MANY_LOGINS', wait);
  const { campaign } = await activeCampaign(ctx);
  const p = await participantByEmail(ctx, campaign.id, input.email);
  // Same answer for an unknown e-mail and a wrong password: no probing for who is registered.
  if (!p || !(await verifyPassword(input.password, p.passwordHash))) {
    await call.limiter.recordFailure(ip, input.email);
    // A registration the co-organizer merged into another (issue 13): say so, and where to sign in.
    if (await isRetiredEmail(ctx.db, campaign.id, input.email.trim().toLowerCase())) {
      const merged = reject('REGISTRATION_MERGED');
      throw new HttpError(401, merged.code, merged.message, { email: merged.message });
    }
    throw fault(401, 'BAD_LOGIN', { password: kioskMessages.BAD_LOGIN });
  }
  await call.limiter.recordSuccess(ip, input.email);
  await startParticipantSession(ctx, call.req, call.res, p.id);
  return { participant: await participantView(ctx, p) };
};

export const logout: WebHandler<'logout'> = async (_input, call, ctx) => {
  await endParticipantSession(ctx, call.req, call.res);
  return { ok: true as const };
};

export const me: WebHandler<'me'> = async (_input, call, ctx) => {
  if (!(await sessionParticipantId(ctx, call.req))) return { participant: null, notices: [] };
  let p;
  try {
    p = await requireParticipant(ctx, call);
  } catch {
    return { participant: null, notices: [] };
  }
  const view = await participantView(ctx, p);
  // Polled every few seconds: only a student with no activation yet costs the tariff look-up.
  if (view.activation || !(await applyPendingIndividual(ctx, p))) return { participant: view, notices: [] };
  return { participant: await participantView(ctx, p), notices: [] };
};

/** Web refusals are said where they happen; there are no kept notices to dismiss. */
export const dismissNotice: WebHandler<'dismissNotice'> = async (_input, call, ctx) => {
  await requireParticipant(ctx, call);
  return { ok: true as const };
};

export const content: WebHandler<'content'> = async (_input, _call, ctx) => (await activeCampaign(ctx)).pack;
