/**
 * «Скачать все результаты»: one ZIP of the result PDF of every student of the school's codes who
 * finished (a confirmed activation and every step done), plus a summary spreadsheet of their
 * profiles, built in the background while the co-organizer keeps working. The archive is written
 * to a file entry by entry and the spreadsheet by exceljs's streaming writer, so a school of
 * thousands never has more than one PDF in memory at a time.
 *
 * The export's state is in the central store, so any node answers for it: the building node
 * writes its progress (every PROGRESS_EVERY students or PROGRESS_MS), and a running export whose
 * node went silent for SILENT_MS reads as failed, so the co-organizer can start again.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import archiver from 'archiver';
import ExcelJS from 'exceljs';
import { regionTimeZone, type Campaign } from '../../core/campaign.ts';
import { localDay } from '../../core/calendar.ts';
import type { School } from '../../core/contracts/api.ts';
import type { ResultsExportJob } from '../../core/contracts/results-export.ts';
import { safeFileBase, uniqueFileNames } from '../../core/documents/file-names.ts';
import { domainTitles } from '../../core/messages/scoring.ts';
import { resultsExportServerMessages as m, resultsSummaryMessages as s } from '../../core/messages/results-export.ts';
import { DOMAINS, scoreParticipant, type ScoringResult } from '../../core/scoring/index.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { type ExportJob, type ExportJobs, type ExportState } from './export.jobs.ts';
import {
  claimRunningExport,
  deleteExport,
  deleteOtherExports,
  exportRow,
  failExports,
  latestExportRow,
  runningExportRow,
  updateExport,
  type ExportRow,
} from './export.repository.ts';
import { studentResultPdf } from './result-document.ts';
import { completedAnswers } from './results.repository.ts';
import { rosterPage, type RosterRow } from './roster.repository.ts';

export const exportDownloadPath = (id: string) => `/api/cabinet/exports/${encodeURIComponent(id)}/download`;

/** A running export is written at least this often while its node builds it. */
export const PROGRESS_EVERY = 10;
export const PROGRESS_MS = 500;
/** A running export its node has not updated for this long belonged to a node that died. */
export const SILENT_MS = 2 * 60 * 1000;

export function exportView(job: ExportState): ResultsExportJob {
  return {
    id: job.id,
    status: job.status,
    done: job.done,
    total: job.total,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    bytes: job.bytes,
    downloadUrl: job.status === 'ready' ? exportDownloadPath(job.id) : null,
    message: job.message,
  };
}

/** The stored export as the cabinet sees it: one its node stopped building reads as failed. */
export function exportState(row: ExportRow, now: number): ExportState & { nodeUrl: string } {
  const silent = row.status === 'running' && row.updated_at < now - SILENT_MS;
  return {
    id: row.id,
    schoolId: row.school_id,
    status: silent ? 'failed' : row.status,
    done: row.done,
    total: row.total,
    startedAt: row.started_at,
    finishedAt: silent ? row.updated_at : row.finished_at,
    bytes: row.bytes,
    message: silent ? m.nodeLost : row.message,
    nodeUrl: row.node_url,
  };
}

/** The school's latest export, from whichever node builds or holds it. */
export async function latestExport(ctx: ServerContext, school: School): Promise<ExportState | null> {
  const row = await latestExportRow(ctx.db, school.id);
  return row ? exportState(row, ctx.now()) : null;
}

/** The students whose result is ready, as «Результаты» marks them. */
async function finishedStudents(ctx: ServerContext, schoolId: string, campaign: Campaign): Promise<RosterRow[]> {
  const stepCount = loadContentPack(ctx.config.contentPackFile).steps.length;
  const scope = { schoolId, campaignId: campaign.id, stepCount };
  const filter = { status: 'finished', sort: 'class' } as const;
  return (await rosterPage(ctx, scope, filter, 0, Number.MAX_SAFE_INTEGER)).rows;
}

export interface StartedExport {
  job: ExportState;
  /** False when the school's export already running (on this node or another) is answered. */
  fresh: boolean;
  /** The build, when this node started it (for this request, or for one on this node at the same moment). */
  local?: ExportJob;
}

/**
 * Starts the school's export, or answers with the one already running on any node: the store's
 * unique index on the school's running export decides, so two nodes asked at once start one.
 * 409 when no student has finished yet: an empty archive would only puzzle.
 */
export async function startExport(ctx: ServerContext, jobs: ExportJobs, school: School): Promise<StartedExport> {
  return jobs.start(school.id, async () => {
    for (;;) {
      const now = ctx.now();
      await failExports(ctx.db, { running: true, schoolId: school.id, silentBefore: now - SILENT_MS }, m.nodeLost, now);
      const running = await runningExportRow(ctx.db, school.id);
      if (running) return { job: exportState(running, now), fresh: false };
      const campaign = await requireActiveCampaign(ctx.db);
      const students = await finishedStudents(ctx, school.id, campaign);
      if (students.length === 0) throw new HttpError(409, 'NOTHING_TO_EXPORT', m.noneFinished);
      const job = jobs.create(school.id, ctx.now());
      job.total = students.length;
      const claimed = await claimRunningExport(ctx.db, {
        id: job.id,
        school_id: school.id,
        status: 'running',
        done: 0,
        total: job.total,
        started_at: job.startedAt,
        finished_at: null,
        updated_at: job.startedAt,
        bytes: null,
        message: null,
        node_url: jobs.nodeUrl,
      }).catch((err: unknown) => {
        jobs.remove(job);
        throw err;
      });
      // Another node started one in between: answer with it (or, if it already ended, look again).
      if (!claimed) {
        jobs.remove(job);
        continue;
      }
      // The earlier archive makes way for the new one, here and in the store.
      jobs.replaced(school.id, job.id);
      await deleteOtherExports(ctx.db, school.id, job.id);
      job.settled = build(ctx, jobs, job, school, campaign, students);
      return { job, fresh: true, local: job };
    }
  });
}

/** Forgets the export: its files here (when here) and its state in the store. */
export async function forgetExport(ctx: ServerContext, jobs: ExportJobs, job: ExportJob): Promise<void> {
  jobs.remove(job);
  await deleteExport(ctx.db, job.id);
}

const COLUMNS = [
  { header: s.columns.surname, width: 22 },
  { header: s.columns.name, width: 16 },
  { header: s.columns.schoolClass, width: 8 },
  { header: s.columns.code, width: 12 },
  ...DOMAINS.map((d) => ({ header: s.domain(d), width: 16 })),
  { header: s.columns.leading, width: 30 },
  { header: s.columns.file, width: 40 },
];

function summaryRow(student: RosterRow, result: ScoringResult, file: string): (string | number)[] {
  const percent = new Map(result.profile.map((p) => [p.domain, p.percent]));
  return [
    student.surname,
    student.name,
    student.schoolClass,
    student.code ?? '',
    ...DOMAINS.map((d) => percent.get(d) ?? 0),
    domainTitles[result.ranking[0]!],
    file,
  ];
}

async function build(
  ctx: ServerContext,
  jobs: ExportJobs,
  job: ExportJob,
  school: School,
  campaign: Campaign,
  students: RosterRow[],
): Promise<void> {
  const out = createWriteStream(job.zipPath);
  const zip = archiver('zip');
  const closed = finished(out);
  zip.pipe(out);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: job.xlsxPath, useStyles: true });
  try {
    const sheet = book.addWorksheet(s.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS;
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    const pack = loadContentPack(ctx.config.contentPackFile);
    const name = uniqueFileNames();
    const date = new Date(ctx.now());
    let written = { done: 0, at: ctx.now() };
    for (const student of students) {
      if (job.cancelled) throw new Error('export cancelled');
      const result = scoreParticipant(pack, await completedAnswers(ctx, student.participantId));
      // Listed as finished a moment ago: its answers cannot have gone, but a PDF of half a result must never ship.
      if (!result.complete) throw new Error(`participant ${student.participantId} is no longer complete`);
      const pdf = studentResultPdf(ctx, school, campaign, student, result);
      const file = name(safeFileBase(`${student.surname} ${student.name}, ${student.schoolClass}`, 'Результат'), 'pdf');
      const entry = once(zip, 'entry');
      zip.append(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), { name: file, store: true, date });
      // One PDF at a time: the next is made only once this one is in the archive.
      await entry;
      sheet.addRow(summaryRow(student, result, file)).commit();
      job.done++;
      const now = ctx.now();
      if (job.done - written.done >= PROGRESS_EVERY || now - written.at >= PROGRESS_MS) {
        await updateExport(ctx.db, job.id, { done: job.done, updated_at: now });
        written = { done: job.done, at: now };
      }
    }
    sheet.commit();
    await book.commit();
    zip.file(job.xlsxPath, { name: m.summaryName, store: true, date });
    await zip.finalize();
    await closed;
    job.bytes = (await stat(job.zipPath)).size;
    job.status = 'ready';
    job.finishedAt = ctx.now();
    await updateExport(ctx.db, job.id, {
      status: 'ready',
      done: job.done,
      bytes: job.bytes,
      finished_at: job.finishedAt,
      updated_at: job.finishedAt,
    });
    jobs.keep(job, () => deleteExport(ctx.db, job.id));
    ctx.log.info(
      { schoolId: job.schoolId, exportId: job.id, students: job.total, bytes: job.bytes },
      'results export ready',
    );
  } catch (err) {
    zip.abort();
    out.destroy();
    job.status = 'failed';
    job.message = m.failed;
    job.finishedAt = ctx.now();
    if (!job.cancelled) ctx.log.error({ err, schoolId: job.schoolId, exportId: job.id }, 'results export failed');
    // Kept in view, without its files, so the cabinet's progress says it failed.
    jobs.dropFiles(job);
    jobs.keep(job, () => deleteExport(ctx.db, job.id));
    await updateExport(ctx.db, job.id, {
      status: 'failed',
      done: job.done,
      message: job.message,
      finished_at: job.finishedAt,
      updated_at: job.finishedAt,
    }).catch((err: unknown) => ctx.log.error({ err, exportId: job.id }, 'results export failure not recorded'));
  }
}

/** The school's export by id, from the store: 404 for an id of another school, as for one that never was. */
export async function exportOf(
  ctx: ServerContext,
  school: School,
  id: string,
  missing: string = m.notFound,
): Promise<ExportState & { nodeUrl: string }> {
  const row = await exportRow(ctx.db, school.id, id);
  if (!row) throw new HttpError(404, 'NOT_FOUND', missing);
  return exportState(row, ctx.now());
}

/** The ready export and its download name; 404 when it is gone, 409 while it is still being built. */
export async function downloadable(
  ctx: ServerContext,
  school: School,
  id: string,
): Promise<{ job: ExportState & { nodeUrl: string }; fileName: string }> {
  const job = await exportOf(ctx, school, id, m.gone);
  if (job.status !== 'ready')
    throw new HttpError(409, 'EXPORT_NOT_READY', job.status === 'failed' ? (job.message ?? m.failed) : m.notReady);
  const day = localDay(new Date(job.finishedAt ?? job.startedAt), regionTimeZone(school.region));
  return { job, fileName: m.archiveName(day) };
}
