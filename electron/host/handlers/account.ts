/**
 * The participant's account on this kiosk: «Регистрация», «Войти», «Выйти». Registration is a
 * mutation like any other; login checks the pulled password hashes offline, and asks the server
 * for a participant this kiosk has not seen yet, or (online) whose password does not match here.
 */
import { isRegistrationOpen } from '../../../core/campaign.ts';
import { registrationRefusalField, type RejectionCode } from '../../../core/errors.ts';
import { uuidv7 } from '../../../core/ids.ts';
import type { Decision } from '../../../core/mutations/decide.ts';
import { hashPasswordSync, verifyPasswordSync } from '../../../core/node/password.ts';
import type { ParticipantRow } from '../../../core/mutations/rows.ts';
import type { Handler, HostContext } from '../context.ts';
import { KioskFault } from '../errors.ts';
import { applyLocal } from '../store/apply-local.ts';
import { getMeta } from '../store/meta.ts';
import { dismissNotice as forgetNotice, forgetParticipant, noticesOf, outcomeOf } from '../store/outbox.ts';
import { participantById, participantsByEmail } from '../store/rows.ts';
import { SyncRefused } from '../sync/api.ts';
import { fetchParticipant } from './lookup.ts';
import { LoginLimiter } from './login-limiter.ts';
import { followMerge, localContext, requireParticipant, requireReady } from './guards.ts';
import { participantView } from './views.ts';

export const registrationForm: Handler<'registrationForm'> = (_input, _call, host) => {
  const { enrollment, campaign } = requireReady(host);
  const school = enrollment.school;
  const now = new Date(host.clock.now());
  const s = campaign.settings;
  return {
    defaults: { region: school?.region ?? '', locality: school?.locality ?? '', schoolName: school?.name ?? '' },
    consent: s.consent,
    parentConsentUpToClass: s.parentConsentUpToClass,
    registrationOpen: school
      ? isRegistrationOpen(s, now, school.region)
      : s.regionWindows.some((w) => isRegistrationOpen(s, now, w.region)),
  };
};

export const register: Handler<'register'> = async (input, call, host) => {
  const ready = requireReady(host);
  const consent = ready.campaign.settings.consent;
  if (input.consentVersion !== consent.version) {
    throw KioskFault.of(409, 'INVALID_INPUT', { consentVersion: consent.text.slice(0, 200) });
  }
  // On the calling thread: see core/node/password.ts (memory on lab PCs).
  const passwordHash = hashPasswordSync(input.password);
  const ctx = localContext(host, ready);
  const participantId = uuidv7(ctx.now.getTime());
  const { profile, consentVersion, parentConsent } = input;
  const out = applyLocal(
    host.store,
    {
      name: 'participant.register',
      args: { participantId, profile, passwordHash, consentVersion, consentAt: ctx.now.getTime(), parentConsent },
    },
    ctx,
  );
  if (out.status === 'refused') throw refusal(out.decision);
  // Online, the server's answer comes at once: an e-mail taken elsewhere is said now, not later.
  if (host.engine.status().online && (await host.engine.flush(host.settings.onlineWaitMs))) {
    const o = outcomeOf(host.store, out.mutation.id);
    if (o.status === 'rejected') {
      forgetParticipant(host.store, participantId);
      throw refusal({ status: 'rejected', code: o.code as RejectionCode, message: o.message });
    }
  }
  host.engine.kick();
  call.sessionId = host.sessions.start(participantId);
  return { participant: participantView(host.store, participantById(host.store, participantId)!) };
};

function refusal(d: Exclude<Decision, { status: 'accepted' }>): KioskFault {
  if (d.status === 'parked') return KioskFault.of(500, 'INTERNAL');
  const field = registrationRefusalField(d.code);
  return KioskFault.rejected(d, field ? { [field]: d.message } : undefined);
}

const limiter = new LoginLimiter();

export const login: Handler<'login'> = async (input, call, host) => {
  const enrollment = getMeta(host.store, 'enrollment');
  if (!enrollment) throw KioskFault.of(409, 'NOT_ENROLLED');
  if (!limiter.allow(input.email)) throw KioskFault.of(429, 'TOO_MANY_LOGINS');
  let match: ParticipantRow | undefined;
  const local = participantsByEmail(host.store, input.email);
  for (const p of local) if (verifyPasswordSync(input.password, p.passwordHash)) match = p;
  if (!match && local.length === 0) match = await fetchParticipant(host, input.email, input.password);
  else if (!match) match = await newerPassword(host, input.email, input.password);
  // A student of another school (or of the web) is in no feed this kiosk pulls: online, what they
  // did elsewhere since is fetched at sign-in (rows with unsent changes here wait, as in a pull).
  else if (match.schoolId !== enrollment.schoolId)
    match = (await newerPassword(host, input.email, input.password)) ?? match;
  if (!match) {
    limiter.failed(input.email);
    throw KioskFault.of(401, 'BAD_LOGIN', { password: KioskFault.of(401, 'BAD_LOGIN').message });
  }
  limiter.succeeded(input.email);
  host.sessions.end(call.sessionId);
  call.sessionId = host.sessions.start(match.id);
  return { participant: participantView(host.store, match) };
};

/**
 * A known e-mail whose password does not match here. Usually a typo, answered at once offline;
 * but a co-organizer may have set a new password («Сменить пароль») that this kiosk has not pulled
 * yet, or never will: a row fetched at sign-in from another school is not in this school's feed.
 * So, online only, the server is asked once (no retry; offline, no wait at all); the
 * limiter above still caps it at its few failures per e-mail, the same bound as an unknown
 * e-mail's look-ups. A look-up that fails leaves the local answer standing.
 */
async function newerPassword(host: HostContext, email: string, password: string) {
  if (!host.engine.status().online) return undefined;
  try {
    return await fetchParticipant(host, email, password);
  } catch (err) {
    if ((err instanceof KioskFault && err.code === 'LOGIN_OFFLINE') || err instanceof SyncRefused) return undefined;
    throw err;
  }
}

export const logout: Handler<'logout'> = (_input, call, host) => {
  host.sessions.end(call.sessionId);
  call.sessionId = null;
  return { ok: true as const };
};

export const me: Handler<'me'> = (_input, call, host: HostContext) => {
  const s = host.sessions.peek(call.sessionId);
  const p =
    s && 'participantId' in s
      ? (participantById(host.store, s.participantId) ?? followMerge(host, call, s.participantId))
      : undefined;
  if (!p) {
    call.sessionId = null;
    return { participant: null, notices: [] };
  }
  return { participant: participantView(host.store, p), notices: noticesOf(host.store, p.id) };
};

export const dismissNotice: Handler<'dismissNotice'> = (input, call, host) => {
  const p = requireParticipant(host, call);
  forgetNotice(host.store, p.id, input.id);
  return { ok: true as const };
};
