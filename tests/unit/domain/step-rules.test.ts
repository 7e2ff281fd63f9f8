/** The step rules the kiosk, the web and the server all run (core/mutations/step-rules.ts). */
import { describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { answerRefusal, completionRefusal } from '../../../core/mutations/step-rules.ts';
import { stepAnswers } from '../../support/answers.ts';

const steps = TEST_PACK.steps;
const none = () => false;
const all = () => true;

describe('answer rules', () => {
  it('takes an answer that fits its item, and a half-made choice on the way', () => {
    expect(answerRefusal(steps, 1, 'pick-one', 'nature')).toBeNull();
    expect(answerRefusal(steps, 2, 'pick-many', [])).toBeNull();
  });

  it('refuses a step or an item the pack does not have, and an answer that cannot fit', () => {
    expect(answerRefusal(steps, 13, 'pick-one', 'nature')?.code).toBe('STEP_OUT_OF_RANGE');
    expect(answerRefusal(steps, 1, 'made-up', 'nature')).toMatchObject({ code: 'ITEM_UNKNOWN', itemId: 'made-up' });
    expect(answerRefusal(steps, 1, 'hello', 'x')?.code).toBe('ITEM_UNKNOWN');
    const bad = answerRefusal(steps, 1, 'pick-one', 'not-an-option');
    expect(bad?.code).toBe('ANSWER_INVALID');
    expect(bad?.problems?.['pick-one']).toMatch(/[а-я]/);
    expect(answerRefusal(steps, 4, 'agree', 99)?.code).toBe('ANSWER_INVALID');
  });
});

describe('completion rules', () => {
  it('completes a step answered in full once the steps before it are done', () => {
    expect(completionRefusal(steps, 1, stepAnswers(steps[0]!), none)).toBeNull();
    expect(completionRefusal(steps, 3, stepAnswers(steps[2]!), all)).toBeNull();
  });

  it('refuses a step out of turn, an empty step, a stray item and a step that does not exist', () => {
    expect(completionRefusal(steps, 3, stepAnswers(steps[2]!), (n) => n === 1)?.code).toBe('STEP_LOCKED');
    const empty = completionRefusal(steps, 1, {}, none);
    expect(empty?.code).toBe('STEP_INCOMPLETE');
    expect(Object.keys(empty?.problems ?? {})).toEqual(['pick-one']);
    expect(completionRefusal(steps, 1, { ...stepAnswers(steps[0]!), extra: 'x' }, none)?.code).toBe('ITEM_UNKNOWN');
    expect(completionRefusal(steps, 13, {}, all)?.code).toBe('STEP_OUT_OF_RANGE');
  });
});
