import { describe, expect, it } from 'vitest';
import { ContentPack, DEFAULT_PACK, TEST_PACK } from '../../../core/content/index.ts';
import { DOMAINS, profileOf, SCORING_VERSION, scoreParticipant } from '../../../core/scoring/index.ts';
import { allSteps, bestFor } from './answers.factory.ts';

const opts = (...keys: object[]) => keys.map((k, i) => ({ id: `o${i}`, text: `Вариант ${i}`, keys: k }));

/** A small pack whose scores are easy to work out by hand. */
const handPack = ContentPack.parse({
  id: 'hand',
  version: '1',
  title: 'Ручной подсчёт',
  steps: [
    {
      number: 1,
      title: 'Один',
      instructions: 'Ответьте.',
      estimatedMinutes: 1,
      items: [
        { id: 'info', type: 'info', body: 'Начало' },
        { id: 'single', type: 'single', prompt: 'Один', options: opts({ nature: 2 }, { art: 2 }, { sign: 1, art: 1 }) },
        {
          id: 'multi',
          type: 'multiple',
          prompt: 'Несколько',
          min: 1,
          max: 2,
          options: opts({ nature: 1 }, { nature: 1 }, { nature: 1 }, { technic: 3 }),
        },
        {
          id: 'pair',
          type: 'pairwise',
          prompt: 'Пара',
          a: { id: 'a', text: 'A', keys: { human: 1 } },
          b: { id: 'b', text: 'B', keys: { sign: 1 } },
        },
      ],
    },
    {
      number: 2,
      title: 'Два',
      instructions: 'Ответьте.',
      estimatedMinutes: 1,
      items: [
        { id: 'lik', type: 'likert', prompt: 'Шкала', points: 5, keys: { human: 2, technic: -1 } },
        { id: 'txt', type: 'text', prompt: 'Текст', required: false, keys: { art: 1 } },
      ],
    },
  ],
});

describe('scoring by hand', () => {
  it('gives the same numbers as counting on paper', () => {
    const { scores } = profileOf(handPack, {
      1: { single: 'o2', multi: ['o0', 'o3'], pair: 'b' },
      2: { lik: 4, txt: 'Рисую' },
    });
    const by = Object.fromEntries(scores.map((s) => [s.domain, s]));
    // nature: single 0 of 2, multi 1 of 2 (two options at most) → 1 of 4.
    expect(by['nature']).toMatchObject({ raw: 1, min: 0, max: 4, percent: 25, band: 'low' });
    // technic: multi 3 of 3; likert −1 × 3/4 = −0.75 between −1 and 0 → 2.25 in [−1, 3] → 3.25 / 4.
    expect(by['technic']).toMatchObject({ raw: 2.25, min: -1, max: 3, percent: 81, band: 'high' });
    // human: pair 0 of 1; likert 2 × 3/4 = 1.5 of 2 → 1.5 of 3.
    expect(by['human']).toMatchObject({ raw: 1.5, min: 0, max: 3, percent: 50, band: 'medium' });
    // sign: single 1 of 1, pair 1 of 1 → 2 of 2.
    expect(by['sign']).toMatchObject({ raw: 2, min: 0, max: 2, percent: 100, band: 'high' });
    // art: single 1 of 2, text 1 of 1 (answered) → 2 of 3.
    expect(by['art']).toMatchObject({ raw: 2, min: 0, max: 3, percent: 67, band: 'high' });
  });

  it('counts neither the score nor the maximum of a skipped optional item', () => {
    const { scores } = profileOf(handPack, { 1: { single: 'o1', multi: ['o0'], pair: 'a' }, 2: { lik: 1 } });
    expect(scores.find((s) => s.domain === 'art')).toMatchObject({ raw: 2, max: 2, percent: 100 });
  });

  it('ignores invalid answers and steps that are not completed', () => {
    const { scores, completedSteps } = profileOf(handPack, { 1: { single: 'nope', multi: ['o0'], pair: 'a' } });
    expect(completedSteps).toEqual([1]);
    expect(scores.find((s) => s.domain === 'nature')).toMatchObject({ raw: 1, max: 2 });
    expect(scores.find((s) => s.domain === 'human')).toMatchObject({ raw: 1, max: 1 });
  });
});

describe('the «Моё будущее» pack', () => {
  it('gives every domain the same maximum, so no domain is favoured', () => {
    for (const domain of DOMAINS) {
      const { scores } = profileOf(
        DEFAULT_PACK,
        allSteps(DEFAULT_PACK, (i) => bestFor(i, domain)),
      );
      expect(scores.find((s) => s.domain === domain)).toMatchObject({ raw: 59, max: 59, percent: 100 });
    }
  });

  it.each(DOMAINS)('puts %s on top when it is answered to the maximum', (domain) => {
    const result = scoreParticipant(
      DEFAULT_PACK,
      allSteps(DEFAULT_PACK, (i) => bestFor(i, domain)),
    );
    expect(result.ranking[0]).toBe(domain);
    expect(result.recommendations[0]!.domain).toBe(domain);
    expect(result.complete).toBe(true);
  });
});

describe('the result', () => {
  const result = scoreParticipant(
    DEFAULT_PACK,
    allSteps(DEFAULT_PACK, (i) => bestFor(i, 'technic')),
  );

  it('is versioned and names its pack', () => {
    expect(result.scoringVersion).toBe(SCORING_VERSION);
    expect(result.pack).toEqual({ id: 'moe-budushchee', version: DEFAULT_PACK.version });
  });

  it('explains each domain in plain words with its band', () => {
    const technic = result.profile.find((p) => p.domain === 'technic')!;
    expect(technic).toMatchObject({ title: 'Человек — техника', band: 'high', bandTitle: 'высокий' });
    expect(technic.interpretation).toMatch(/машины, механизмы и приборы/);
    expect(result.profile.map((p) => p.domain)).toEqual([...DOMAINS]);
  });

  it('recommends fields with example professions, quotes the shortlist and says it is advisory', () => {
    expect(result.summary).toContain('«Человек — техника»');
    expect(result.recommendations[0]!.fields[0]!.professions).toContain('инженер-робототехник');
    expect(result.shortlist).toEqual([
      'Инженер-конструктор',
      'Инженер-робототехник',
      'Электромонтёр',
      'Инженер-строитель',
      'Автомеханик',
    ]);
    expect(result.nextSteps.length).toBeGreaterThanOrEqual(3);
    expect(result.advisory).toMatch(/рекомендательный характер/);
  });

  it('recommends the runner-up too, unless its interest is low while the leader’s is not', () => {
    expect(result.recommendations.map((r) => r.domain)).toEqual(['technic']);
    const two = scoreParticipant(
      TEST_PACK,
      allSteps(TEST_PACK, (i) =>
        i.type === 'pairwise' || i.id === 'agree' ? bestFor(i, 'human') : bestFor(i, 'sign'),
      ),
    );
    expect(two.profile.find((p) => p.domain === two.ranking[1])!.band).not.toBe('low');
    expect(two.recommendations.map((r) => r.domain)).toEqual(two.ranking.slice(0, 2));
  });

  it('says so when no domain stands out, and offers the two highest to explore', () => {
    const none = scoreParticipant(TEST_PACK, {});
    expect(none.complete).toBe(false);
    expect(none.summary).toMatch(/предпочтений пока нет/);
    expect(none.recommendations).toHaveLength(2);
  });
});
