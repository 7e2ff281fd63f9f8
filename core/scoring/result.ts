/**
 * The participant's result: the profile put into words, with fields and professions to look at,
 * their own shortlist, and what to try next. Everything a screen or a PDF shows comes from here,
 * so the kiosk and the server print the same result for the same answers.
 */
import type { ContentPack, Domain } from '../content/schema.ts';
import { PROFESSIONS, type ProfessionalField } from '../data/professions.ts';
import {
  ADVISORY,
  bandTitles,
  domainTitles,
  generalNextSteps,
  interpretations,
  summaries,
} from '../messages/scoring.ts';
import { profileOf, type CompletedAnswers, type DomainScore } from './profile.ts';

/** Bumped whenever the same answers could give a different result. */
export const SCORING_VERSION = '1.0.0';

/** Domains within this many percentage points of the leader are named beside it. */
const CLOSE = 10;

export interface DomainResult extends DomainScore {
  title: string;
  bandTitle: string;
  interpretation: string;
}

export interface Recommendation {
  domain: Domain;
  title: string;
  fields: readonly ProfessionalField[];
}

export interface ScoringResult {
  scoringVersion: string;
  pack: { id: string; version: string };
  /** Step numbers scored, and whether they are all of the pack's steps. */
  completedSteps: number[];
  stepCount: number;
  complete: boolean;
  /** In the fixed domain order (for a chart that does not reshuffle between students). */
  profile: DomainResult[];
  /** Best first. */
  ranking: Domain[];
  summary: string;
  /** For the leading domain, and the runner-up unless its interest is low (see leadersOf). */
  recommendations: Recommendation[];
  /** Professions the participant chose for their own list, in the pack's order. */
  shortlist: string[];
  nextSteps: string[];
  advisory: string;
}

function summaryOf(byDomain: Map<Domain, DomainScore>, ranking: readonly Domain[]): string {
  const [top, ...rest] = ranking as [Domain, ...Domain[]];
  const lead = byDomain.get(top)!;
  if (lead.band === 'low') return summaries.low;
  const close = rest.filter((d) => byDomain.get(d)!.percent >= lead.percent - CLOSE);
  if (close.length >= 2) return summaries.wide(top, close);
  return close.length === 1 ? summaries.two(top, close[0]!) : summaries.one(top);
}

/**
 * The domains to recommend: the leader, and the runner-up unless its interest is low while the
 * leader's is not (recommending a domain the same page calls «низкий интерес» would confuse).
 * When nothing stands out, the two highest are offered to explore.
 */
function leadersOf(byDomain: Map<Domain, DomainScore>, ranking: readonly Domain[]): Domain[] {
  const [first, second] = ranking as [Domain, Domain];
  const [a, b] = [byDomain.get(first)!, byDomain.get(second)!];
  const keepSecond = a.band === 'low' || b.band !== 'low' || b.percent >= a.percent - CLOSE;
  return keepSecond ? [first, second] : [first];
}

function shortlistOf(pack: ContentPack, answers: CompletedAnswers): string[] {
  const chosen: string[] = [];
  for (const step of pack.steps) {
    for (const item of step.items) {
      if (item.type !== 'multiple' || !item.shortlist) continue;
      const value = answers[step.number]?.[item.id];
      if (!Array.isArray(value)) continue;
      for (const o of item.options) if (value.includes(o.id)) chosen.push(o.text);
    }
  }
  return chosen;
}

/** Scores the answers of completed steps: deterministic for the same pack and answers. */
export function scoreParticipant(pack: ContentPack, answers: CompletedAnswers): ScoringResult {
  const { scores, ranking, completedSteps } = profileOf(pack, answers);
  const byDomain = new Map(scores.map((s) => [s.domain, s]));
  const leaders = leadersOf(byDomain, ranking);
  return {
    scoringVersion: SCORING_VERSION,
    pack: { id: pack.id, version: pack.version },
    completedSteps,
    stepCount: pack.steps.length,
    complete: completedSteps.length === pack.steps.length,
    profile: scores.map((s) => ({
      ...s,
      title: domainTitles[s.domain],
      bandTitle: bandTitles[s.band],
      interpretation: interpretations[s.domain][s.band],
    })),
    ranking,
    summary: summaryOf(byDomain, ranking),
    recommendations: leaders.map((domain) => ({
      domain,
      title: domainTitles[domain],
      fields: PROFESSIONS[domain].fields,
    })),
    shortlist: shortlistOf(pack, answers),
    // Two ideas from the leading domain and one from the next (or all three of the leader's),
    // then the ones for everybody.
    nextSteps: [
      ...PROFESSIONS[leaders[0]!].tryNext.slice(0, leaders.length > 1 ? 2 : 3),
      ...(leaders[1] ? PROFESSIONS[leaders[1]].tryNext.slice(0, 1) : []),
      ...generalNextSteps,
    ],
    advisory: ADVISORY,
  };
}
