/**
 * /api/cabinet/exports — «Скачать все результаты»: start the school's export (or get the one
 * running), follow its progress, download the ZIP. The school is always the session's; a job id
 * of another school is answered as one that does not exist. Any node answers: the export's state
 * is in the store, and a download asked of a node that does not hold the archive is forwarded to
 * the node that does, with the co-organizer's own cookie, so that node checks the session itself.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Router, type Request, type Response } from 'express';
import { IdParam } from '../../core/contracts/organizer.ts';
import { resultsExportServerMessages as m } from '../../core/messages/results-export.ts';
import { currentSchool, requireUser } from '../auth/require-user.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, parse } from '../http/errors.ts';
import type { ExportJobs } from './export.jobs.ts';
import { failExports } from './export.repository.ts';
import { downloadable, exportOf, exportView, forgetExport, latestExport, startExport } from './export.service.ts';
import { attachment } from './send-pdf.ts';

/**
 * Marks a download this node forwards, so the node it reaches never forwards it again (two nodes
 * that disagree about an address would otherwise pass it back and forth). It grants nothing: the
 * receiving node checks the session and the school as for any request.
 */
export const FORWARDED_HEADER = 'x-moe-export-forwarded';
const PASSED_BACK = ['content-type', 'content-disposition', 'content-length', 'cache-control'] as const;

export function exportRouter(ctx: ServerContext, jobs: ExportJobs): Router {
  const r = Router();
  r.use(requireUser(ctx, 'coorganizer'));

  r.get('/', async (_req, res) => {
    const job = await latestExport(ctx, currentSchool(res));
    res.json({ job: job ? exportView(job) : null });
  });
  r.post('/', async (_req, res) => {
    const { job, fresh } = await startExport(ctx, jobs, currentSchool(res));
    res.status(fresh ? 201 : 200).json(exportView(job));
  });
  r.get('/:id', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    res.json(exportView(await exportOf(ctx, currentSchool(res), id)));
  });
  r.get('/:id/download', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const school = currentSchool(res);
    const { job, fileName } = await downloadable(ctx, school, id);
    if (job.nodeUrl !== jobs.nodeUrl) {
      if (req.headers[FORWARDED_HEADER] !== undefined) throw new HttpError(404, 'NOT_FOUND', m.gone);
      await forward(ctx, job, req, res);
      return;
    }
    const built = jobs.ofSchool(school.id, id);
    if (!built) {
      // Recorded as this node's, yet not here: the node restarted and its files went with it.
      await failExports(ctx.db, { running: false, id }, m.gone, ctx.now());
      throw new HttpError(404, 'NOT_FOUND', m.gone);
    }
    const stream = createReadStream(built.zipPath);
    // Opened before the answer starts, so a file gone meanwhile is still a clean 404.
    await new Promise<void>((resolve, reject) =>
      stream.once('open', () => resolve()).once('error', () => reject(new HttpError(404, 'NOT_FOUND', m.gone))),
    );
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', attachment(fileName));
    res.setHeader('Content-Length', String(built.bytes ?? 0));
    // Downloaded in full: the files and the record go now rather than at expiry. A broken download keeps them.
    res.once('finish', () => {
      forgetExport(ctx, jobs, built).catch((err: unknown) =>
        ctx.log.warn({ err: String(err), exportId: id }, 'downloaded export not forgotten'),
      );
    });
    // pipeline closes the file when the browser gives up half-way, too.
    await pipeline(stream, res).catch((err: unknown) =>
      ctx.log.debug({ err: String(err), exportId: id }, 'results export download broken off'),
    );
  });
  return r;
}

/**
 * Asks the node that holds the archive for it, with the co-organizer's cookie (that node checks
 * the session and the school again), and streams its answer back. A node that does not answer
 * took the archive with it: the export is marked failed, so the cabinet offers to build it again.
 */
async function forward(ctx: ServerContext, job: { id: string; nodeUrl: string }, req: Request, res: Response) {
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  let answer: globalThis.Response;
  try {
    answer = await fetch(new URL(req.originalUrl, job.nodeUrl), {
      headers: { cookie: req.headers.cookie ?? '', [FORWARDED_HEADER]: '1' },
      redirect: 'manual',
      signal: abort.signal,
    });
  } catch (err) {
    ctx.log.warn({ err: String(err), exportId: job.id, node: job.nodeUrl }, 'export node unreachable');
    await failExports(ctx.db, { running: false, id: job.id }, m.nodeLost, ctx.now());
    throw new HttpError(409, 'EXPORT_NODE_LOST', m.nodeLost);
  }
  res.status(answer.status);
  for (const name of PASSED_BACK) {
    const value = answer.headers.get(name);
    if (value !== null) res.setHeader(name, value);
  }
  if (!answer.body) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>), res).catch((err: unknown) =>
    ctx.log.debug({ err: String(err), exportId: job.id }, 'forwarded export download broken off'),
  );
}
