/**
 * The result document's content (core/contracts/results.ts ResultDocument) from a scored result:
 * the one place its words are put together. The PDF (result-pdf.ts) and the cabinet's screen draw
 * this, so the two cannot say different things.
 */
import { formatDayRu, type IsoDate } from '../calendar.ts';
import type { ResultDocument } from '../contracts/results.ts';
import { resultMessages as m } from '../messages/documents.ts';
import { bandTitles, domainSubjects } from '../messages/scoring.ts';
import type { ScoringResult } from '../scoring/index.ts';

export interface ResultPdfInput {
  /** «Иванова Мария». */
  fullName: string;
  schoolName: string;
  schoolClass: string;
  /** The campaign's title, e.g. «Моё будущее — 2026». */
  campaignTitle: string;
  /** The day the document is issued, in the school's time zone. */
  date: IsoDate;
  result: ScoringResult;
}

export function resultDocument(input: ResultPdfInput): ResultDocument {
  const r = input.result;
  const byDomain = new Map(r.profile.map((p) => [p.domain, p]));
  return {
    title: m.title,
    campaignTitle: input.campaignTitle,
    identity: [
      { label: m.participant, value: input.fullName },
      { label: m.school, value: input.schoolName },
      { label: m.schoolClass, value: input.schoolClass },
      { label: m.date, value: formatDayRu(input.date) },
    ],
    profile: {
      title: m.profileTitle,
      hint: m.profileHint,
      bands: [bandTitles.low, bandTitles.medium, bandTitles.high],
      bars: r.profile.map((p) => ({
        domain: p.domain,
        title: p.title,
        subject: domainSubjects[p.domain],
        percent: p.percent,
        bandTitle: p.bandTitle,
      })),
    },
    incomplete: r.complete ? null : m.incomplete(r.completedSteps.length, r.stepCount),
    summary: r.summary,
    meaning: {
      title: m.meaningTitle,
      items: r.ranking.map((domain) => {
        const p = byDomain.get(domain)!;
        return { domain, title: p.title, interest: m.interest(p.bandTitle, p.percent), text: p.interpretation };
      }),
    },
    recommendations: {
      title: m.recommendationsTitle,
      items: r.recommendations.map((rec) => ({
        domain: rec.domain,
        title: rec.title,
        fields: rec.fields.map((f) => `${f.title}: ${f.professions.join(', ')}.`),
      })),
    },
    shortlist:
      r.shortlist.length > 0
        ? { title: m.shortlistTitle, intro: m.shortlistIntro, text: r.shortlist.join(', ') }
        : null,
    nextSteps: { title: m.nextStepsTitle, items: r.nextSteps },
    advisory: { title: m.advisoryTitle, text: r.advisory },
  };
}
