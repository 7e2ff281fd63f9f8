/**
 * «Результаты»: GET /api/cabinet/results (one page of the list, ResultsQuery),
 * GET /api/cabinet/results/students/:id (one student on screen) and
 * GET /api/cabinet/results/:participantId.pdf.
 */
import { Router } from 'express';
import { IdParam } from '../../core/contracts/organizer.ts';
import { ResultsQuery } from '../../core/contracts/results.ts';
import { currentSchool, requireUser } from '../auth/require-user.ts';
import type { ServerContext } from '../context.ts';
import { parse } from '../http/errors.ts';
import { resultPdf, resultsPage, studentResult } from './results.service.ts';
import { sendPdf } from './send-pdf.ts';

export function resultsRouter(ctx: ServerContext): Router {
  const r = Router();
  r.use(requireUser(ctx, 'coorganizer'));

  r.get('/', async (req, res) => {
    res.json(await resultsPage(ctx, currentSchool(res), parse(ResultsQuery, req.query)));
  });
  r.get('/students/:id', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    res.json(await studentResult(ctx, currentSchool(res), id));
  });
  r.get('/:id.pdf', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const pdf = await resultPdf(ctx, currentSchool(res), id);
    sendPdf(res, pdf.bytes, pdf.fileName);
  });
  return r;
}
