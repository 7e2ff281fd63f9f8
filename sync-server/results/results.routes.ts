/** GET /api/cabinet/results and GET /api/cabinet/results/:participantId.pdf — «Результаты». */
import { Router } from 'express';
import { IdParam } from '../../core/contracts/organizer.ts';
import { currentSchool, requireUser } from '../auth/require-user.ts';
import type { ServerContext } from '../context.ts';
import { parse } from '../http/errors.ts';
import { listResults, resultPdf } from './results.service.ts';
import { sendPdf } from './send-pdf.ts';

export function resultsRouter(ctx: ServerContext): Router {
  const r = Router();
  r.use(requireUser(ctx, 'coorganizer'));

  r.get('/', async (_req, res) => {
    res.json(await listResults(ctx, currentSchool(res)));
  });
  r.get('/:id.pdf', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const pdf = await resultPdf(ctx, currentSchool(res), id);
    sendPdf(res, pdf.bytes, pdf.fileName);
  });
  return r;
}
