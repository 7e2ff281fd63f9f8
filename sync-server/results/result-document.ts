/**
 * One student's result PDF as the server issues it, for a single download and for the archive
 * of all results alike: the same input, so both give the same document.
 */
import type { Campaign } from '../../core/campaign.ts';
import { regionTimeZone } from '../../core/campaign.ts';
import { localDay } from '../../core/calendar.ts';
import type { School } from '../../core/contracts/api.ts';
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

export function studentResultPdf(
  ctx: ServerContext,
  school: School,
  campaign: Campaign,
  student: ResultStudent,
  result: ScoringResult,
): Uint8Array {
  return renderResultPdf(
    {
      fullName: `${student.surname} ${student.name}`,
      schoolName: student.schoolName || school.name,
      schoolClass: student.schoolClass,
      campaignTitle: campaign.title,
      date: localDay(new Date(ctx.now()), regionTimeZone(school.region)),
      result,
    },
    loadFonts(),
  );
}
