/**
 * One student's result document as the server issues it, for the screen, a single download and
 * the archive of all results alike: the same input, so all give the same document.
 */
import { regionTimeZone } from '../../core/campaign.ts';
import { localDay } from '../../core/calendar.ts';
import type { School } from '../../core/contracts/api.ts';
import type { ResultPdfInput } from '../../core/documents/result-content.ts';
import { renderResultPdf } from '../../core/documents/result-pdf.ts';
import { loadFonts } from '../../core/node/fonts.ts';
import type { ScoringResult } from '../../core/scoring/index.ts';
import type { ServerContext } from '../context.ts';

export interface ResultStudent {
  surname: string;
  name: string;
  schoolName: string;
  schoolClass: string;
}

/** The document's input: the date is the school's own day. */
export function resultInput(
  ctx: ServerContext,
  school: School,
  campaign: { title: string },
  student: ResultStudent,
  result: ScoringResult,
): ResultPdfInput {
  return {
    fullName: `${student.surname} ${student.name}`,
    schoolName: student.schoolName || school.name,
    schoolClass: student.schoolClass,
    campaignTitle: campaign.title,
    date: localDay(new Date(ctx.now()), regionTimeZone(school.region)),
    result,
  };
}

export function studentResultPdf(
  ctx: ServerContext,
  school: School,
  campaign: { title: string },
  student: ResultStudent,
  result: ScoringResult,
): Uint8Array {
  return renderResultPdf(resultInput(ctx, school, campaign, student, result), loadFonts());
}
