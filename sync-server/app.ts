/**
 * The Express app: parsers, security headers, the API routers, the screens, and the error edge.
 * Routers translate HTTP and delegate to services; no rule lives here.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import { authRouter } from './auth/auth.routes.ts';
import type { LimitStore } from './auth/limit-store.ts';
import { cabinetRouter } from './cabinet/cabinet.routes.ts';
import { certificatesRouter } from './certificates/certificates.routes.ts';
import type { ServerContext } from './context.ts';
import { errorHandler, HttpError } from './http/errors.ts';
import { organizerRouter } from './organizer/organizer.routes.ts';
import { participantRouter } from './participant/participant.routes.ts';
import { sameOriginOnly } from './http/same-origin.ts';
import { supportRouter } from './support/support.routes.ts';
import { securityHeaders } from './http/security.ts';
import { serveShell } from './http/shell.ts';
import type { ExportJobs } from './results/export.jobs.ts';
import { exportRouter } from './results/export.routes.ts';
import { resultsRouter } from './results/results.routes.ts';
import { syncRouter } from './sync/sync.routes.ts';
import { verifyApiRouter, verifyPageRouter } from './verify/verify.routes.ts';

export interface AppHealth {
  /** Reports the socket layer (and its Redis adapter when several nodes run). */
  realtime: () => { ok: boolean; detail: string };
}

export const RENDERER_DIST = resolve(import.meta.dirname, '../renderer/dist');

/**
 * `limits` holds every rate limit's counts (failed logins, certificate lookups); `exports` the
 * node's «Скачать все результаты» jobs.
 */
export function createApp(
  ctx: ServerContext,
  health: AppHealth,
  limits: LimitStore,
  exports: ExportJobs,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // One proxy in front: the client's address is the one it appended to X-Forwarded-For. Trusting
  // every hop would take the left-most entry, which the client writes, and every rate limit
  // keyed on the address could be dodged by changing it.
  app.set('trust proxy', ctx.config.trustProxy ? 1 : false);
  app.use(securityHeaders(ctx.config));
  app.use(sameOriginOnly(ctx.config));
  app.use(express.json({ limit: ctx.config.maxBodyBytes }));

  app.get('/healthz', async (_req, res) => {
    const started = Date.now();
    let database: { ok: boolean; detail: string } = { ok: true, detail: ctx.store.dialect };
    try {
      await ctx.db.selectFrom('campaigns').select('id').limit(1).execute();
    } catch {
      database = { ok: false, detail: `${ctx.store.dialect}: unreachable` };
    }
    const realtime = health.realtime();
    const ok = database.ok && realtime.ok;
    res.status(ok ? 200 : 503).json({ ok, database, realtime, latencyMs: Date.now() - started, serverTime: ctx.now() });
  });

  app.use('/api/auth', authRouter(ctx, limits));
  app.use('/api/cabinet/results', resultsRouter(ctx));
  app.use('/api/cabinet/exports', exportRouter(ctx, exports));
  app.use('/api/cabinet', certificatesRouter(ctx));
  app.use('/api/cabinet', cabinetRouter(ctx));
  app.use('/api/organizer', organizerRouter(ctx));
  app.use('/api/participant', participantRouter(ctx, limits));
  app.use('/api/support', supportRouter(ctx));
  app.use('/api/sync', syncRouter(ctx, limits));
  app.use('/api/verify', verifyApiRouter(ctx, limits));
  app.use('/verify', verifyPageRouter(ctx, limits));
  app.use('/api', () => {
    throw HttpError.of(404, 'NOT_FOUND');
  });

  if (existsSync(RENDERER_DIST)) {
    const shell = serveShell(RENDERER_DIST);
    app.get(['/', '/index.html'], shell);
    app.use(express.static(RENDERER_DIST, { index: false, maxAge: '1h' }));
    // The screens route on the client; every other GET gets the app shell.
    app.get('/{*path}', shell);
  }

  app.use(errorHandler(ctx.log));
  return app;
}
