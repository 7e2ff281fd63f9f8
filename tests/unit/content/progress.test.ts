import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK, firstUnfinished, resumeItemIndex, Step, TEST_PACK } from '../../../core/content/index.ts';

const step = Step.parse({
  number: 1,
  title: 'Шаг',
  instructions: 'Ответьте.',
  estimatedMinutes: 2,
  items: [
    { id: 'intro', type: 'info', body: 'Вступление' },
    { id: 'q1', type: 'likert', prompt: '1', keys: { art: 1 } },
    { id: 'note', type: 'text', prompt: 'Необязательно', required: false, keys: { art: 1 } },
    { id: 'about-q3', type: 'info', body: 'О третьем вопросе' },
    { id: 'q3', type: 'likert', prompt: '3', keys: { art: 1 } },
  ],
});

describe('resuming inside a step', () => {
  it('starts a fresh step at its first page, the introduction', () => {
    expect(resumeItemIndex(step, {})).toBe(0);
  });

  it('goes on from the item after the last one answered, with the info page that introduces it', () => {
    expect(resumeItemIndex(step, { q1: 4 })).toBe(2);
    expect(resumeItemIndex(step, { q1: 4, note: 'Про меня' })).toBe(3);
  });

  it('returns to a required item left unanswered before later answers', () => {
    expect(resumeItemIndex(step, { q3: 2 })).toBe(0);
  });

  it('does not stop at an optional item skipped on purpose', () => {
    expect(resumeItemIndex(step, { q1: 4, q3: 2 })).toBe(4);
  });

  it('shows the last item when everything is answered, so the step can be finished', () => {
    expect(resumeItemIndex(step, { q1: 4, note: 'x', q3: 1 })).toBe(4);
  });

  it('treats an invalid saved value as no answer', () => {
    expect(resumeItemIndex(step, { q1: 42 })).toBe(0);
  });
});

describe('firstUnfinished: continue from the step where the participant stopped', () => {
  it('starts a new participant at step 1, item 0', () => {
    expect(firstUnfinished(DEFAULT_PACK, {}, [])).toEqual({ step: 1, itemIndex: 0 });
  });

  it('skips completed steps, even when they were completed out of order', () => {
    expect(firstUnfinished(TEST_PACK, {}, [1, 2, 4])).toEqual({ step: 3, itemIndex: 0 });
  });

  it('resumes at the item reached in the unfinished step', () => {
    const answers = { 10: { 'pick-one': 'art' } };
    expect(firstUnfinished(TEST_PACK, answers, [1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual({ step: 10, itemIndex: 1 });
  });

  it('is null once all 12 steps are completed', () => {
    expect(
      firstUnfinished(
        TEST_PACK,
        {},
        TEST_PACK.steps.map((s) => s.number),
      ),
    ).toBeNull();
  });
});
