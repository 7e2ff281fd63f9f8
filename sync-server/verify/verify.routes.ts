/**
 * GET /verify/:serial (the page a certificate's QR code opens), GET /verify?serial= (its form)
 * and GET /api/verify/:serial (JSON). Public: the serial is the only key, and the answer carries
 * nothing more personal than the name and the school the certificate itself prints. Lookups
 * by either route share one per-address limit (lookup-limit.ts).
 */
import { Router, type ErrorRequestHandler, type Response } from 'express';
import type { LimitStore } from '../auth/limit-store.ts';
import { RateLimited, retryAfter } from '../auth/rate-limited.ts';
import type { ServerContext } from '../context.ts';
import { lookupLimit } from './lookup-limit.ts';
import { verifyPageHtml, verifyRefusedHtml } from './verify.page.ts';
import { verifySerial } from './verify.service.ts';

const serialOf = (value: unknown) => (typeof value === 'string' ? value.slice(0, 60) : '');

function noIndex(res: Response): void {
  // Certificates name school students: keep the pages out of search engines and caches.
  res.setHeader('X-Robots-Tag', 'noindex');
  res.setHeader('Cache-Control', 'no-store');
}

// A phone that opened the QR code gets the refusal as the page, not as JSON.
const refusedPage: ErrorRequestHandler = (err, _req, res, next) => {
  if (!(err instanceof RateLimited)) return next(err);
  noIndex(res);
  res.setHeader('Retry-After', String(err.retryAfterSeconds));
  res.status(429).type('html').send(verifyRefusedHtml(err.message));
};

export function verifyPageRouter(ctx: ServerContext, limits: LimitStore): Router {
  const r = Router();
  r.get('/', (req, res) => {
    const serial = serialOf(req.query.serial).trim();
    res.redirect(303, serial ? `/verify/${encodeURIComponent(serial)}` : '/verify/-');
  });
  r.get('/:serial', lookupLimit(limits), async (req, res) => {
    const v = await verifySerial(ctx, serialOf(req.params.serial));
    noIndex(res);
    res
      .status(v.valid ? 200 : 404)
      .type('html')
      .send(verifyPageHtml(v));
  });
  r.use(refusedPage);
  return r;
}

export function verifyApiRouter(ctx: ServerContext, limits: LimitStore): Router {
  const r = Router();
  r.get('/:serial', lookupLimit(limits), async (req, res) => {
    const v = await verifySerial(ctx, serialOf(req.params.serial));
    noIndex(res);
    res.status(v.valid ? 200 : 404).json(v);
  });
  r.use(retryAfter);
  return r;
}
