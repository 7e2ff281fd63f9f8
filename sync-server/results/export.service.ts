/**
 * «Скачать все результаты»: one ZIP of the result PDF of every student of the school's codes who
 * finished (a confirmed activation and every step done), plus a summary spreadsheet of their
 * profiles, built in the background while the co-organizer keeps working. The archive is written
 * to a file entry by entry and the spreadsheet by exceljs's streaming writer, so a school of
 * thousands never has more than one PDF in memory at a time.
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
import type { ExportJob, ExportJobs } from './export.jobs.ts';
import { studentResultPdf } from './result-document.ts';
import { completedAnswers } from './results.repository.ts';
import { rosterPage, type RosterRow } from './roster.repository.ts';

export const exportDownloadPath = (id: string) => `/api/cabinet/exports/${encodeURIComponent(id)}/download`;

export function exportView(job: ExportJob): ResultsExportJob {
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

/** The students whose result is ready, as «Результаты» marks them. */
async function finishedStudents(ctx: ServerContext, schoolId: string, campaign: Campaign): Promise<RosterRow[]> {
  const stepCount = loadContentPack(ctx.config.contentPackFile).steps.length;
  const scope = { schoolId, campaignId: campaign.id, stepCount };
  const filter = { status: 'finished', sort: 'class' } as const;
  return (await rosterPage(ctx, scope, filter, 0, Number.MAX_SAFE_INTEGER)).rows;
}

/**
 * Starts the school's export, or answers with the one already running. 409 when no student has
 * finished yet: an empty archive would only puzzle.
 */
export async function startExport(
  ctx: ServerContext,
  jobs: ExportJobs,
  school: School,
): Promise<{ job: ExportJob; fresh: boolean }> {
  return jobs.start(school.id, async () => {
    const campaign = await requireActiveCampaign(ctx.db);
    const students = await finishedStudents(ctx, school.id, campaign);
    if (students.length === 0) throw new HttpError(409, 'NOTHING_TO_EXPORT', m.noneFinished);
    const job = jobs.create(school.id, ctx.now());
    job.total = students.length;
    job.settled = build(ctx, jobs, job, school, campaign, students);
    return job;
  });
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
  const written = finished(out);
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
    }
    sheet.commit();
    await book.commit();
    zip.file(job.xlsxPath, { name: m.summaryName, store: true, date });
    await zip.finalize();
    await written;
    job.bytes = (await stat(job.zipPath)).size;
    job.status = 'ready';
    job.finishedAt = ctx.now();
    jobs.keep(job);
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
    jobs.keep(job);
  }
}

/** The school's job by id: 404 for an id of another school, as for one that never was. */
export function exportOf(jobs: ExportJobs, school: School, id: string): ExportJob {
  const job = jobs.ofSchool(school.id, id);
  if (!job) throw new HttpError(404, 'NOT_FOUND', m.notFound);
  return job;
}

/** The ready ZIP's path and download name; 409 while it is still being built. */
export function downloadable(
  jobs: ExportJobs,
  school: School,
  id: string,
): { path: string; fileName: string; bytes: number } {
  const job = jobs.ofSchool(school.id, id);
  if (!job) throw new HttpError(404, 'NOT_FOUND', m.gone);
  if (job.status !== 'ready')
    throw new HttpError(409, 'EXPORT_NOT_READY', job.status === 'failed' ? m.failed : m.notReady);
  const day = localDay(new Date(job.finishedAt ?? job.startedAt), regionTimeZone(school.region));
  return { path: job.zipPath, fileName: m.archiveName(day), bytes: job.bytes ?? 0 };
}
