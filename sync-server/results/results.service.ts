/**
 * «Результаты»: the co-organizer sees the students who applied one of the school's codes (and the
 * school's own students with no code yet), one page at a time, opens a student's result on screen
 * and downloads the result PDF once every step is done. Results are scored on the server with
 * the shared scoring from the completions the server holds, so the PDF matches the kiosk's.
 */
import type { School } from '../../core/contracts/api.ts';
import {
  StudentStatus,
  type ResultRow,
  type ResultsCounts,
  type ResultsPage,
  type ResultsQuery,
  type StudentResult,
} from '../../core/contracts/results.ts';
import { normalizeCode } from '../../core/codes.ts';
import { resultDocument } from '../../core/documents/result-content.ts';
import { cabinetServerMessages as m } from '../../core/messages/cabinet-screens.ts';
import { scoreParticipant } from '../../core/scoring/index.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { resultInput, studentResultPdf } from './result-document.ts';
import { completedAnswers, studentOfSchool } from './results.repository.ts';
import { rosterEntry, rosterPage, rosterTally, rosterTotal, schoolCodes, type RosterRow } from './roster.repository.ts';

export const resultPdfPath = (participantId: string) => `/api/cabinet/results/${encodeURIComponent(participantId)}.pdf`;

/** The scope of the school's roster in the active campaign, with the content pack's step count. */
async function scopeOf(ctx: ServerContext, school: School) {
  const campaign = await requireActiveCampaign(ctx.db);
  const stepCount = loadContentPack(ctx.config.contentPackFile).steps.length;
  return { campaign, scope: { schoolId: school.id, campaignId: campaign.id, stepCount } };
}

function rowOf(r: RosterRow, school: School, stepCount: number): ResultRow {
  const completed = r.status === 'finished';
  return {
    participantId: r.participantId,
    fullName: `${r.surname} ${r.name}`,
    schoolClass: r.schoolClass,
    // A student who used this school's code but belongs elsewhere: the school they named.
    fromElsewhere: r.homeSchoolId === school.id ? null : r.schoolName,
    code: r.code,
    status: r.status,
    stepsDone: Math.min(r.stepsDone, stepCount),
    stepCount,
    completed,
    pdfUrl: completed ? resultPdfPath(r.participantId) : null,
  };
}

function countsOf(tally: { status: StudentStatus; n: number }[]): ResultsCounts {
  const of = (...statuses: StudentStatus[]) =>
    tally.filter((t) => statuses.includes(t.status)).reduce((sum, t) => sum + t.n, 0);
  return {
    registered: of(...StudentStatus.options),
    activated: of('activated', 'in_progress', 'finished'),
    inProgress: of('in_progress'),
    finished: of('finished'),
    unplaced: of('waiting', 'refused'),
  };
}

/** One page of «Результаты» as filtered and sorted, with the school's numbers and the filters' choices. */
export async function resultsPage(ctx: ServerContext, school: School, query: ResultsQuery): Promise<ResultsPage> {
  const { scope } = await scopeOf(ctx, school);
  const filter = { ...query, code: query.code ? normalizeCode(query.code) : undefined };
  const [first, tally, codes] = await Promise.all([
    rosterPage(ctx, scope, filter, (query.page - 1) * query.size, query.size),
    rosterTally(ctx, scope),
    schoolCodes(ctx, scope),
  ]);
  let { rows, total } = first;
  let page = query.page;
  if (rows.length === 0 && page > 1) {
    // Past the end (the list shrank since the page was asked for): the last page instead.
    total = await rosterTotal(ctx, scope, filter);
    page = Math.max(1, Math.ceil(total / query.size));
    ({ rows } = await rosterPage(ctx, scope, filter, (page - 1) * query.size, query.size));
  }
  const pages = Math.max(1, Math.ceil(total / query.size));
  const classes = [...new Set(tally.map((t) => t.schoolClass))].sort((x, y) =>
    x.localeCompare(y, 'ru', { numeric: true }),
  );
  return {
    results: rows.map((r) => rowOf(r, school, scope.stepCount)),
    total,
    page,
    size: query.size,
    pages,
    stepCount: scope.stepCount,
    counts: countsOf(tally),
    codes,
    classes,
  };
}

/** Where a student without a result stands, in words. */
function progressOf(row: ResultRow, currentStep: number | null): string {
  if (row.status === 'registered') return m.progressRegistered;
  if (row.status === 'waiting' || row.status === 'refused') return m.resultWaitsForPlace;
  if (currentStep === null) return m.resultNotReady(row.stepsDone, row.stepCount);
  return m.progressAt(currentStep, row.stepsDone, row.stepCount);
}

/**
 * One of the roster's students on screen: the result document once every step is done with a
 * place, else the step they are at. 404 for anyone not on the school's roster.
 */
export async function studentResult(ctx: ServerContext, school: School, participantId: string): Promise<StudentResult> {
  const { campaign, scope } = await scopeOf(ctx, school);
  const entry = await rosterEntry(ctx, scope, participantId);
  if (!entry) throw HttpError.of(404, 'NOT_FOUND');
  const student = rowOf(entry, school, scope.stepCount);
  const pack = loadContentPack(ctx.config.contentPackFile);
  const result = scoreParticipant(pack, await completedAnswers(ctx, participantId));
  if (student.completed && result.complete) {
    const document = resultDocument(resultInput(ctx, school, campaign, entry, result));
    return { student, currentStep: null, progress: null, document };
  }
  // The first step of the pack not yet completed: where the student picks up.
  const done = new Set(result.completedSteps);
  const next = pack.steps.find((step) => !done.has(step.number));
  const currentStep = student.status === 'registered' || !next ? null : next.number;
  return { student, currentStep, progress: progressOf(student, currentStep), document: null };
}

export interface PdfFile {
  bytes: Uint8Array;
  /** A readable Cyrillic file name for the download. */
  fileName: string;
}

/** The result PDF of one of the school's students; 404 for anyone else, 409 until every step is done. */
export async function resultPdf(ctx: ServerContext, school: School, participantId: string): Promise<PdfFile> {
  const campaign = await requireActiveCampaign(ctx.db);
  const student = await studentOfSchool(ctx, school.id, campaign.id, participantId);
  if (!student) throw HttpError.of(404, 'NOT_FOUND');
  if (student.activationStatus !== 'confirmed') throw new HttpError(409, 'RESULT_NOT_READY', m.resultWaitsForPlace);
  const pack = loadContentPack(ctx.config.contentPackFile);
  const result = scoreParticipant(pack, await completedAnswers(ctx, participantId));
  if (!result.complete) {
    throw new HttpError(409, 'RESULT_NOT_READY', m.resultNotReady(result.completedSteps.length, result.stepCount));
  }
  const bytes = studentResultPdf(ctx, school, campaign, student, result);
  return { bytes, fileName: m.resultFileName(`${student.surname} ${student.name}`) };
}
