/** The sync endpoints devices call. Each route parses with the shared contract and delegates. */
import { Router, type Request } from 'express';
import {
  CodeSchoolRequest,
  EnrollRequest,
  LeaseRequest,
  ParticipantLookupRequest,
  PullQuery,
  PushRequest,
  type LeaseResponse,
  type PushResponse,
} from '../../core/contracts/sync.ts';
import { publicBaseUrl } from '../certificates/base-url.ts';
import type { ServerContext } from '../context.ts';
import type { LimitStore } from '../auth/limit-store.ts';
import { retryAfter } from '../auth/rate-limited.ts';
import { authenticateDevice, type AuthedDevice } from '../devices/devices.service.ts';
import { HttpError, parse } from '../http/errors.ts';
import { activeCampaign } from './campaign-cache.ts';
import { enrollCounted, enrollLimiter, lookupLimiter } from './guess-limits.ts';
import { exchangeLeases } from './leases.service.ts';
import { codeSchool } from './code-school.service.ts';
import { lookupParticipant } from './lookup.service.ts';
import { pullChangesJson } from './pull.service.ts';
import { Pacer } from './pacer.ts';
import { pushMutations } from './push.service.ts';

function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** `limits` holds the counts of wrong passwords (lookup) and wrong enrollment codes. */
export function syncRouter(ctx: ServerContext, limits: LimitStore): Router {
  const r = Router();
  const lookups = lookupLimiter(limits);
  const enrolls = enrollLimiter(limits);
  const device = (req: Request): Promise<AuthedDevice> => authenticateDevice(ctx, bearer(req));
  // SQLite has one writer anyway; PostgreSQL gains little past a few concurrent batches.
  const pacer = new Pacer(ctx.store.dialect === 'postgres' ? 8 : 2, 256);

  r.post('/enroll', async (req, res) => {
    const input = parse(EnrollRequest, req.body);
    const enrolled = await enrollCounted(ctx, enrolls, req.ip ?? 'unknown', input);
    res.status(201).json({ ...enrolled, certificateUrl: publicBaseUrl(ctx.config, req) });
  });

  r.post('/push', async (req, res) => {
    const d = await device(req);
    const body = parse(PushRequest, req.body);
    // A cloned disk image presents the same credential from a second installation.
    if (body.health && body.health.instanceId !== d.instanceId) throw HttpError.of(409, 'DEVICE_CLONED');
    const { campaign, pack } = await activeCampaign(ctx);
    const outcomes = await pacer.run(() =>
      pushMutations(
        ctx,
        { id: campaign.id, settings: campaign.settings, steps: pack.steps },
        { deviceId: d.id, schoolId: d.schoolId, health: body.health },
        body.mutations,
      ),
    );
    // The PC's sync round told its unsent count and last contact: «Класс сейчас» shows both.
    ctx.classMoved?.(d.schoolId);
    const payload: PushResponse = { outcomes, serverTime: ctx.now() };
    res.status(outcomes.some((o) => o.status === 'conflict') ? 409 : 200).json(payload);
  });

  r.get('/pull', async (req, res) => {
    const d = await device(req);
    const q = parse(PullQuery, req.query);
    const { campaign } = await activeCampaign(ctx);
    const text = await pullChangesJson(ctx, d.schoolId, q.cursor, q.limit, { campaign, serverTime: ctx.now() });
    // Sent as is: no ETag (hashing every page for a header no kiosk sends back).
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(text);
  });

  r.post('/leases', async (req, res) => {
    const d = await device(req);
    const body = parse(LeaseRequest, req.body ?? {});
    const { campaign } = await activeCampaign(ctx);
    const payload: LeaseResponse = {
      leases: await exchangeLeases(ctx, d, campaign.id, body.held),
      serverTime: ctx.now(),
    };
    res.json(payload);
  });

  r.post('/code', async (req, res) => {
    const d = await device(req);
    const { code } = parse(CodeSchoolRequest, req.body);
    const { campaign } = await activeCampaign(ctx);
    res.json(await codeSchool(ctx, d.schoolId, campaign.id, code));
  });

  r.post('/participant', async (req, res) => {
    const d = await device(req);
    const body = parse(ParticipantLookupRequest, req.body);
    const { campaign } = await activeCampaign(ctx);
    const found = await lookupParticipant(ctx, lookups, campaign.id, {
      ...body,
      schoolId: d.schoolId,
      ip: req.ip ?? 'unknown',
    });
    res.json({ ...found, serverTime: ctx.now() });
  });

  r.get('/content', async (req, res) => {
    await device(req);
    res.json((await activeCampaign(ctx)).pack);
  });

  r.use(retryAfter);
  return r;
}
