import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContentPack, DEFAULT_PACK, TEST_PACK, type Domain } from '../../../core/content/index.ts';
import { DOMAINS, scoreParticipant, type CompletedAnswers } from '../../../core/scoring/index.ts';
import { arbAnswers } from './answers.factory.ts';

/** The same answers with every key inserted in the opposite order. */
function reversed(answers: CompletedAnswers): CompletedAnswers {
  const out: Record<number, Record<string, unknown>> = {};
  for (const step of Object.keys(answers).reverse()) {
    const a = answers[Number(step)]!;
    out[Number(step)] = Object.fromEntries(Object.entries(a).reverse());
  }
  return out as CompletedAnswers;
}

describe('ties and determinism (property tests)', () => {
  for (const pack of [DEFAULT_PACK, TEST_PACK]) {
    it(`gives the same result for the same answers, whatever their order (${pack.id})`, () => {
      fc.assert(
        fc.property(arbAnswers(pack), (answers) => {
          expect(scoreParticipant(pack, reversed(answers))).toEqual(scoreParticipant(pack, answers));
        }),
        { numRuns: 150 },
      );
    });

    it(`ranks by share, then raw score, then the fixed domain order (${pack.id})`, () => {
      fc.assert(
        fc.property(arbAnswers(pack), (answers) => {
          const { profile, ranking } = scoreParticipant(pack, answers);
          expect([...ranking].sort()).toEqual([...DOMAINS].sort());
          const by = new Map(profile.map((p) => [p.domain, p]));
          for (const p of profile) {
            expect(p.percent).toBeGreaterThanOrEqual(0);
            expect(p.percent).toBeLessThanOrEqual(100);
            expect(p.raw).toBeGreaterThanOrEqual(p.min);
            expect(p.raw).toBeLessThanOrEqual(p.max);
          }
          // Scores here are multiples of 1/4, so ×4 makes the fractions exact integers.
          const share = (d: Domain): [number, number] => {
            const s = by.get(d)!;
            const span = (s.max - s.min) * 4;
            return span > 0 ? [(s.raw - s.min) * 4, span] : [0, 1];
          };
          for (let i = 0; i + 1 < ranking.length; i++) {
            const [a, b] = [ranking[i]!, ranking[i + 1]!];
            const [na, da] = share(a);
            const [nb, db] = share(b);
            const cmp = na * db - nb * da || by.get(a)!.raw - by.get(b)!.raw;
            if (cmp === 0) expect(DOMAINS.indexOf(a)).toBeLessThan(DOMAINS.indexOf(b));
            else expect(cmp).toBeGreaterThan(0);
            expect(by.get(a)!.percent).toBeGreaterThanOrEqual(by.get(b)!.percent);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('ties, by example', () => {
  const pack = ContentPack.parse({
    id: 'ties',
    version: '1',
    title: 'Ничья',
    steps: [
      {
        number: 1,
        title: 'Шаг',
        instructions: 'Ответьте.',
        estimatedMinutes: 1,
        items: [
          { id: 'art', type: 'likert', prompt: 'Образ', keys: { art: 2 } },
          { id: 'nature', type: 'likert', prompt: 'Природа', keys: { nature: 2 } },
          { id: 'more-art', type: 'text', prompt: 'Ещё', required: false, keys: { art: 2 } },
        ],
      },
    ],
  });

  it('puts the domain earlier in the fixed order first when share and raw are equal', () => {
    expect(scoreParticipant(pack, { 1: { art: 3, nature: 3 } }).ranking.slice(0, 2)).toEqual(['nature', 'art']);
  });

  it('puts the domain with more points first when the shares are equal', () => {
    // art: 1 + 2 of 4 = 75 %; nature: 1.5 of 2 = 75 %.
    const result = scoreParticipant(pack, { 1: { art: 3, nature: 4, 'more-art': 'Нарисую' } });
    expect(result.profile.find((p) => p.domain === 'art')!.percent).toBe(75);
    expect(result.profile.find((p) => p.domain === 'nature')!.percent).toBe(75);
    expect(result.ranking.slice(0, 2)).toEqual(['art', 'nature']);
  });

  it('keeps the fixed order when nothing was answered', () => {
    expect(scoreParticipant(DEFAULT_PACK, { 1: {}, 2: {} }).ranking).toEqual([...DOMAINS]);
  });
});
