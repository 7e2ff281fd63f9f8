/**
 * The rules of the 12 steps that a kiosk, the web and the server all run on a participant's
 * answers: the item exists in the step, the answer fits the item, steps are done in order, and a
 * step is complete before it is marked done. Pure functions of the content pack's steps.
 */
import { stepErrors, validateAnswer } from '../content/answers.ts';
import type { Item, Step } from '../content/schema.ts';
import { reject, type Rejection } from '../errors.ts';
import type { AnswerValue } from './schemas.ts';

/** Where a refusal points: an item of the step, so a screen can show it beside the question. */
export type StepRefusal = Rejection & { itemId?: string; problems?: Record<string, string> };

/**
 * A value that could never be a valid answer to `item`. A half-made choice (fewer options ticked
 * than the step will need, a required item cleared) may be saved on the way and is not refused.
 */
export function answerShapeError(item: Item, value: AnswerValue): string | null {
  const lenient = item.type === 'multiple' ? { ...item, min: 0, required: false } : { ...item, required: false };
  return validateAnswer(lenient as Item, value);
}

/** Why this single answer may not be saved, or null. */
export function answerRefusal(
  steps: readonly Step[],
  step: number,
  itemId: string,
  value: AnswerValue,
): StepRefusal | null {
  const s = steps[step - 1];
  if (!s) return reject('STEP_OUT_OF_RANGE');
  const item = s.items.find((i) => i.id === itemId);
  if (!item || item.type === 'info') return { ...reject('ITEM_UNKNOWN'), itemId };
  const problem = answerShapeError(item, value);
  return problem ? { ...reject('ANSWER_INVALID', problem), itemId, problems: { [itemId]: problem } } : null;
}

/**
 * Why this step may not be marked done with these answers, or null: it exists, every earlier
 * step is done (`isDone`), the answers name only the step's items, and every item is answered as
 * the step requires.
 */
export function completionRefusal(
  steps: readonly Step[],
  step: number,
  answers: Readonly<Record<string, AnswerValue>>,
  isDone: (step: number) => boolean,
): StepRefusal | null {
  const s = steps[step - 1];
  if (!s) return reject('STEP_OUT_OF_RANGE');
  for (let n = 1; n < step; n++) if (!isDone(n)) return reject('STEP_LOCKED');
  const known = new Set(s.items.filter((i) => i.type !== 'info').map((i) => i.id));
  const stray = Object.keys(answers).find((id) => !known.has(id));
  if (stray !== undefined) return { ...reject('ITEM_UNKNOWN'), itemId: stray };
  const problems = stepErrors(s, answers);
  return Object.keys(problems).length ? { ...reject('STEP_INCOMPLETE'), problems } : null;
}
