/** GET /api/cabinet/certificate.pdf — «Скачать сертификат соорганизатора». */
import { Router } from 'express';
import { currentSchool, currentUser, requireUser } from '../auth/require-user.ts';
import type { ServerContext } from '../context.ts';
import { sendPdf } from '../results/send-pdf.ts';
import { publicBaseUrl } from './base-url.ts';
import { coorganizerCertificatePdf } from './certificates.service.ts';

export function certificatesRouter(ctx: ServerContext): Router {
  const r = Router();
  r.get('/certificate.pdf', requireUser(ctx, 'coorganizer'), async (req, res) => {
    const pdf = await coorganizerCertificatePdf(
      ctx,
      currentUser(res),
      currentSchool(res),
      publicBaseUrl(ctx.config, req),
    );
    sendPdf(res, pdf.bytes, pdf.fileName);
  });
  return r;
}
