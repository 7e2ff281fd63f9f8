/**
 * What counts as an answer to each item type, checked the same way on the kiosk screen, by the
 * kiosk host before completing a step, and by scoring (which ignores what would not pass here).
 *
 * Shapes: single → option id; multiple → option ids; pairwise → 'a' | 'b'; likert → integer
 * 1..points; text → string; info → nothing. `null` means "cleared" and counts as no answer.
 */
import { answerMessages as m } from '../messages/content.ts';
import type { AnswerValue } from '../mutations/schemas.ts';
import type { Item, Step } from './schema.ts';

export type StepAnswers = Readonly<Record<string, AnswerValue | undefined>>;

/** No answer given. An empty selection is an answer only where the item allows choosing nothing. */
function isBlank(item: Item, value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0 && !(item.type === 'multiple' && item.min === 0);
  return false;
}

function blankMessage(item: Exclude<Item, { type: 'info' }>): string {
  switch (item.type) {
    case 'single':
      return m.chooseOne;
    case 'multiple':
      return m.chooseAtLeast(Math.max(1, item.min));
    case 'pairwise':
      return m.choosePair;
    case 'likert':
      return m.chooseScale(item.points);
    case 'text':
      return m.writeText;
  }
}

/** A Russian sentence saying what is wrong with `value` for `item`, or null when it may be saved. */
export function validateAnswer(item: Item, value: AnswerValue | undefined): string | null {
  if (item.type === 'info') return null;
  if (isBlank(item, value)) return item.required ? blankMessage(item) : null;
  switch (item.type) {
    case 'single':
      return typeof value === 'string' && item.options.some((o) => o.id === value) ? null : m.unknownOption;
    case 'multiple': {
      if (!Array.isArray(value)) return m.unknownOption;
      if (!value.every((v) => item.options.some((o) => o.id === v))) return m.unknownOption;
      if (new Set(value).size !== value.length) return m.duplicateOption;
      if (value.length < item.min) return m.chooseAtLeast(item.min);
      const max = item.max ?? item.options.length;
      return value.length > max ? m.chooseAtMost(max) : null;
    }
    case 'pairwise':
      return value === 'a' || value === 'b' ? null : m.choosePair;
    case 'likert':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= item.points
        ? null
        : m.chooseScale(item.points);
    case 'text':
      if (typeof value !== 'string') return m.writeText;
      return value.length > item.maxLength ? m.textTooLong(item.maxLength) : null;
  }
}

/**
 * The answer a student gives by moving on without touching the item, where leaving it alone is an
 * answer: a multiple choice that allows choosing nothing («если таких нет, ничего не отмечайте»)
 * means "none of these". Undefined where moving on needs an explicit answer.
 */
export function answerByMovingOn(item: Item): AnswerValue | undefined {
  return item.type === 'multiple' && item.min === 0 ? [] : undefined;
}

/** True when the item has a valid, non-blank answer; info items need none and are always answered. */
export function isItemAnswered(item: Item, value: AnswerValue | undefined): boolean {
  if (item.type === 'info') return true;
  return !isBlank(item, value) && validateAnswer(item, value) === null;
}

/** Problems that keep a step from being completed, by item id; empty when the step may be completed. */
export function stepErrors(step: Step, answers: StepAnswers): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const item of step.items) {
    const error = validateAnswer(item, answers[item.id]);
    if (error) errors[item.id] = error;
  }
  return errors;
}

/**
 * Refuses only what could never be a valid answer to `item`: a half-made choice (fewer options
 * than required, a required item cleared) may be saved on the way, and completing the step checks
 * the rest (stepErrors).
 */
export function answerShapeError(item: Item, value: AnswerValue): string | null {
  const lenient = item.type === 'multiple' ? { ...item, min: 0, required: false } : { ...item, required: false };
  return validateAnswer(lenient as Item, value);
}
