/**
 * /api/cabinet/exports — «Скачать все результаты»: start the school's export (or get the one
 * running), follow its progress, download the ZIP. The school is always the session's; a job id
 * of another school is answered as one that does not exist.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { IdParam } from '../../core/contracts/organizer.ts';
import { resultsExportServerMessages as m } from '../../core/messages/results-export.ts';
import { currentSchool, requireUser } from '../auth/require-user.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, parse } from '../http/errors.ts';
import type { ExportJobs } from './export.jobs.ts';
import { downloadable, exportOf, exportView, startExport } from './export.service.ts';
import { attachment } from './send-pdf.ts';

export function exportRouter(ctx: ServerContext, jobs: ExportJobs): Router {
  const r = Router();
  r.use(requireUser(ctx, 'coorganizer'));

  r.get('/', (_req, res) => {
    const job = jobs.latest(currentSchool(res).id);
    res.json({ job: job ? exportView(job) : null });
  });
  r.post('/', async (_req, res) => {
    const { job, fresh } = await startExport(ctx, jobs, currentSchool(res));
    res.status(fresh ? 201 : 200).json(exportView(job));
  });
  r.get('/:id', (req, res) => {
    const { id } = parse(IdParam, req.params);
    res.json(exportView(exportOf(jobs, currentSchool(res), id)));
  });
  r.get('/:id/download', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const school = currentSchool(res);
    const file = downloadable(jobs, school, id);
    const stream = createReadStream(file.path);
    // Opened before the answer starts, so a file gone meanwhile is still a clean 404.
    await new Promise<void>((resolve, reject) =>
      stream.once('open', () => resolve()).once('error', () => reject(new HttpError(404, 'NOT_FOUND', m.gone))),
    );
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', attachment(file.fileName));
    res.setHeader('Content-Length', String(file.bytes));
    // Downloaded in full: the files go now rather than at expiry. A broken download keeps them.
    res.once('finish', () => {
      const job = jobs.ofSchool(school.id, id);
      if (job) jobs.remove(job);
    });
    // pipeline closes the file when the browser gives up half-way, too.
    await pipeline(stream, res).catch((err: unknown) =>
      ctx.log.debug({ err: String(err), exportId: id }, 'results export download broken off'),
    );
  });
  return r;
}
