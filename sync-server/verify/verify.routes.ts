/**
 * GET /verify/:serial (the page a certificate's QR code opens), GET /verify?serial= (its form)
 * and GET /api/verify/:serial (JSON). Public: the serial is the only key, and the answer carries
 * nothing more personal than the name and the school the certificate itself prints.
 */
import { Router, type Response } from 'express';
import type { ServerContext } from '../context.ts';
import { verifyPageHtml } from './verify.page.ts';
import { verifySerial } from './verify.service.ts';

const serialOf = (value: unknown) => (typeof value === 'string' ? value.slice(0, 60) : '');

function noIndex(res: Response): void {
  // Certificates name school students: keep the pages out of search engines and caches.
  res.setHeader('X-Robots-Tag', 'noindex');
  res.setHeader('Cache-Control', 'no-store');
}

export function verifyPageRouter(ctx: ServerContext): Router {
  const r = Router();
  r.get('/', (req, res) => {
    const serial = serialOf(req.query.serial).trim();
    res.redirect(303, serial ? `/verify/${encodeURIComponent(serial)}` : '/verify/-');
  });
  r.get('/:serial', async (req, res) => {
    const v = await verifySerial(ctx, serialOf(req.params.serial));
    noIndex(res);
    res
      .status(v.valid ? 200 : 404)
      .type('html')
      .send(verifyPageHtml(v));
  });
  return r;
}

export function verifyApiRouter(ctx: ServerContext): Router {
  const r = Router();
  r.get('/:serial', async (req, res) => {
    const v = await verifySerial(ctx, serialOf(req.params.serial));
    noIndex(res);
    res.status(v.valid ? 200 : 404).json(v);
  });
  return r;
}
