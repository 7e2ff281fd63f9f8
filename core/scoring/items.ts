/**
 * What one answered item adds to each domain, and the least and most it could have added.
 * Points are counted in units of 1/60: 60 is divisible by every likert step (points - 1 for
 * 3..7 points), so with whole-number keys every sum is an exact integer and two totals compare
 * equal exactly when they are equal, on every machine.
 */
import { isItemAnswered } from '../content/answers.ts';
import { Domain, type Item, type Keys } from '../content/schema.ts';
import type { AnswerValue } from '../mutations/schemas.ts';

export const UNIT = 60;
export const DOMAINS: readonly Domain[] = Domain.options;

export type Vec = Record<Domain, number>;

export interface ItemScore {
  got: Vec;
  lo: Vec;
  hi: Vec;
}

export const zero = (): Vec => ({ nature: 0, technic: 0, human: 0, sign: 0, art: 0 });

const units = (keys: Keys, d: Domain) => (keys[d] ?? 0) * UNIT;

function vec(f: (d: Domain) => number): Vec {
  const v = zero();
  for (const d of DOMAINS) v[d] = f(d);
  return v;
}

/** Sum of the `k` largest values (or smallest, with sign -1) that push in that direction. */
function extreme(values: number[], k: number, sign: 1 | -1): number {
  const pushing = values.filter((v) => v * sign > 0).sort((a, b) => (b - a) * sign);
  return pushing.slice(0, k).reduce((s, v) => s + v, 0);
}

/**
 * The item's score, or null when it has no valid answer (blank, or a value that would not pass
 * validateAnswer). Unanswered items count in neither the score nor its bounds, so skipping an
 * optional item neither helps nor hurts a domain.
 */
export function scoreItem(item: Item, value: AnswerValue | undefined): ItemScore | null {
  if (item.type === 'info' || !isItemAnswered(item, value)) return null;
  switch (item.type) {
    case 'single': {
      const chosen = item.options.find((o) => o.id === value)!;
      return {
        got: vec((d) => units(chosen.keys, d)),
        lo: vec((d) => Math.min(...item.options.map((o) => units(o.keys, d)))),
        hi: vec((d) => Math.max(...item.options.map((o) => units(o.keys, d)))),
      };
    }
    case 'multiple': {
      const ids = new Set(value as string[]);
      const k = item.max ?? item.options.length;
      // Bounds ignore `min`: they may be slightly wider than reachable, never narrower.
      return {
        got: vec((d) => item.options.reduce((s, o) => s + (ids.has(o.id) ? units(o.keys, d) : 0), 0)),
        lo: vec((d) =>
          extreme(
            item.options.map((o) => units(o.keys, d)),
            k,
            -1,
          ),
        ),
        hi: vec((d) =>
          extreme(
            item.options.map((o) => units(o.keys, d)),
            k,
            1,
          ),
        ),
      };
    }
    case 'pairwise': {
      const chosen = value === 'a' ? item.a : item.b;
      return {
        got: vec((d) => units(chosen.keys, d)),
        lo: vec((d) => Math.min(units(item.a.keys, d), units(item.b.keys, d))),
        hi: vec((d) => Math.max(units(item.a.keys, d), units(item.b.keys, d))),
      };
    }
    case 'likert': {
      const step = UNIT / (item.points - 1);
      const level = (value as number) - 1;
      return {
        got: vec((d) => (item.keys[d] ?? 0) * level * step),
        lo: vec((d) => Math.min(0, units(item.keys, d))),
        hi: vec((d) => Math.max(0, units(item.keys, d))),
      };
    }
    case 'text':
      // Any non-empty answer counts: doing an optional task shows interest in its domain.
      return {
        got: vec((d) => units(item.keys, d)),
        lo: vec((d) => Math.min(0, units(item.keys, d))),
        hi: vec((d) => Math.max(0, units(item.keys, d))),
      };
  }
}
