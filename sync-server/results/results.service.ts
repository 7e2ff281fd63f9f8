/**
 * «Результаты»: the co-organizer sees the students who applied one of the school's codes, and
 * downloads a student's result PDF once every step is done. Results are scored on the server with
 * the shared scoring from the completions the server holds, so the PDF matches the kiosk's.
 */
import type { School } from '../../core/contracts/api.ts';
import type { ResultsList } from '../../core/contracts/results.ts';
import { cabinetServerMessages as m } from '../../core/messages/cabinet-screens.ts';
import { scoreParticipant } from '../../core/scoring/index.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { studentResultPdf } from './result-document.ts';
import { completedAnswers, studentOfSchool, studentsOfSchool } from './results.repository.ts';

export const resultPdfPath = (participantId: string) => `/api/cabinet/results/${encodeURIComponent(participantId)}.pdf`;

export async function listResults(ctx: ServerContext, school: School): Promise<ResultsList> {
  const campaign = await requireActiveCampaign(ctx.db);
  const stepCount = loadContentPack(ctx.config.contentPackFile).steps.length;
  const rows = await studentsOfSchool(ctx, school.id, campaign.id, stepCount);
  const results = rows.map((r) => {
    // The result waits with an activation that has no place yet (waiting, or the code full).
    const completed = r.stepsDone >= stepCount && r.activationStatus === 'confirmed';
    return {
      participantId: r.participantId,
      fullName: `${r.surname} ${r.name}`,
      schoolClass: r.schoolClass,
      // A student who used this school's code but belongs elsewhere: the school they named.
      fromElsewhere: r.homeSchoolId === school.id ? null : r.schoolName,
      code: r.code,
      activationStatus: r.activationStatus,
      stepsDone: Math.min(r.stepsDone, stepCount),
      stepCount,
      completed,
      pdfUrl: completed ? resultPdfPath(r.participantId) : null,
    };
  });
  return { results, stepCount, completed: results.filter((r) => r.completed).length };
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
  const fullName = `${student.surname} ${student.name}`;
  const bytes = studentResultPdf(ctx, school, campaign, student, result);
  return { bytes, fileName: m.resultFileName(fullName) };
}
