/**
 * POST /api/participant/:channel — the kiosk API (core/contracts/kiosk.ts) over HTTP for the
 * participant's screens on the web. The same channels, the same input and output schemas, checked
 * here at the edge; the session is a cookie. A student only ever reaches their own rows: no
 * handler takes a participant id from the request.
 */
import { Router } from 'express';
import { kioskApi, type KioskChannel } from '../../core/contracts/kiosk.ts';
import type { LimitStore } from '../auth/limit-store.ts';
import { LoginLimiter } from '../auth/login-limiter.ts';
import { retryAfter } from '../auth/rate-limited.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, parse } from '../http/errors.ts';
import { buyIndividualTariff, individualTariff } from './individual-tariff.service.ts';
import { content, dismissNotice, login, logout, me, register, registrationForm, status } from './web-account.ts';
import { requireParticipant, type WebCall, type WebHandler, type WebHandlers } from './web-call.ts';
import { participantData, sendExport } from '../privacy/export.service.ts';
import { document, result } from './web-documents.ts';
import { activate, completeStep, progress, saveAnswer } from './web-journey.ts';

export const webHandlers: WebHandlers = {
  status,
  enroll: null,
  registrationForm,
  register,
  login,
  logout,
  me,
  dismissNotice,
  content,
  activate,
  progress,
  saveAnswer,
  completeStep,
  individualTariff,
  buyIndividualTariff,
  result,
  document,
};

const isChannel = (name: string): name is KioskChannel => Object.hasOwn(kioskApi, name);

export function participantRouter(ctx: ServerContext, limits: LimitStore): Router {
  const limiter = new LoginLimiter(limits);
  const r = Router();
  r.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // «Скачать мои данные»: the signed-in participant's own data, and only theirs (the session says who).
  r.get('/export', async (req, res) => {
    const p = await requireParticipant(ctx, { req, res, limiter });
    const data = await participantData(ctx, p.id);
    if (!data) throw HttpError.of(401, 'UNAUTHORIZED');
    sendExport(res, data);
  });
  r.post('/:channel', async (req, res) => {
    const name = String(req.params.channel);
    const handler = isChannel(name) ? (webHandlers[name] as WebHandler<KioskChannel> | null) : null;
    if (!handler) throw HttpError.of(404, 'NOT_FOUND');
    const input = parse(kioskApi[name as KioskChannel].input, req.body ?? {});
    const call: WebCall = { req, res, limiter };
    res.json(await handler(input as never, call, ctx));
  });
  r.use(retryAfter);
  return r;
}
