/**
 * The profile over the five domains from the answers of completed steps.
 *
 * percent = (raw − min) / (max − min), where min and max are the lowest and highest totals the
 * same answered items could have given (min is 0 when no key is negative).
 * Bands by the rounded percent: низкий 0–33, средний 34–66, высокий 67–100.
 * Ranking, and how ties break (always the same order for the same answers):
 *   1. the higher exact share (raw − min) / (max − min), compared as fractions, not rounded;
 *   2. then the higher raw score (more evidence for the domain);
 *   3. then the fixed order of the domains: природа, техника, человек, знаковая система, образ.
 */
import type { StepAnswers } from '../content/answers.ts';
import type { ContentPack, Domain } from '../content/schema.ts';
import type { Band } from '../messages/scoring.ts';
import { DOMAINS, scoreItem, UNIT, zero, type Vec } from './items.ts';

/** Answers of completed steps only, by step number then item id. */
export type CompletedAnswers = Readonly<Record<number, StepAnswers | undefined>>;

export interface DomainScore {
  domain: Domain;
  /** Points earned, to two decimals. */
  raw: number;
  /** Lowest and highest points the answered items could give. */
  min: number;
  max: number;
  /** 0–100, rounded. */
  percent: number;
  band: Band;
}

export interface Profile {
  /** In the fixed domain order. */
  scores: DomainScore[];
  /** Best first, ties broken as documented above. */
  ranking: Domain[];
  /** Step numbers of the pack that were scored, ascending. */
  completedSteps: number[];
}

export function bandOf(percent: number): Band {
  return percent >= 67 ? 'high' : percent >= 34 ? 'medium' : 'low';
}

const points = (u: number) => Math.round((u / UNIT) * 100) / 100;

interface Totals {
  got: Vec;
  lo: Vec;
  hi: Vec;
}

function totalsOf(pack: ContentPack, answers: CompletedAnswers): { totals: Totals; completedSteps: number[] } {
  const totals: Totals = { got: zero(), lo: zero(), hi: zero() };
  const completedSteps: number[] = [];
  for (const step of pack.steps) {
    const stepAnswers = answers[step.number];
    if (!stepAnswers) continue;
    completedSteps.push(step.number);
    for (const item of step.items) {
      const s = scoreItem(item, stepAnswers[item.id]);
      if (!s) continue;
      for (const d of DOMAINS) {
        totals.got[d] += s.got[d];
        totals.lo[d] += s.lo[d];
        totals.hi[d] += s.hi[d];
      }
    }
  }
  return { totals, completedSteps };
}

/** Negative when `a` ranks above `b`. */
function compare(t: Totals, a: Domain, b: Domain): number {
  const share = (d: Domain): [number, number] => {
    const span = t.hi[d] - t.lo[d];
    return span > 0 ? [t.got[d] - t.lo[d], span] : [0, 1];
  };
  const [na, da] = share(a);
  const [nb, db] = share(b);
  return nb * da - na * db || t.got[b] - t.got[a] || DOMAINS.indexOf(a) - DOMAINS.indexOf(b);
}

export function profileOf(pack: ContentPack, answers: CompletedAnswers): Profile {
  const { totals: t, completedSteps } = totalsOf(pack, answers);
  const scores = DOMAINS.map((domain): DomainScore => {
    const span = t.hi[domain] - t.lo[domain];
    const percent = span > 0 ? Math.round((100 * (t.got[domain] - t.lo[domain])) / span) : 0;
    return {
      domain,
      raw: points(t.got[domain]),
      min: points(t.lo[domain]),
      max: points(t.hi[domain]),
      percent,
      band: bandOf(percent),
    };
  });
  const ranking = [...DOMAINS].sort((a, b) => compare(t, a, b));
  return { scores, ranking, completedSteps };
}
