/** Valid answers to the content pack's items, as a student would give them, for factories. */
import type { Item, Step } from '../../core/content/schema.ts';
import type { AnswerValue } from '../../core/mutations/schemas.ts';

/** A valid answer to `item`, varied by `n` (option, scale point, side) so students differ. */
export function answerFor(item: Exclude<Item, { type: 'info' }>, n = 0): AnswerValue {
  switch (item.type) {
    case 'single':
      return item.options[n % item.options.length]!.id;
    case 'multiple': {
      const count = Math.max(1, item.min);
      return Array.from({ length: count }, (_, i) => item.options[(n + i) % item.options.length]!.id);
    }
    case 'pairwise':
      return n % 2 === 0 ? 'a' : 'b';
    case 'likert':
      return 1 + (n % item.points);
    case 'text':
      return `Ответ ${n}`;
  }
}

/** The items of a step that take an answer. */
export function answerable(step: Step): Exclude<Item, { type: 'info' }>[] {
  return step.items.filter((i): i is Exclude<Item, { type: 'info' }> => i.type !== 'info');
}

/** Answers that complete `step`. */
export function stepAnswers(step: Step, n = 0): Record<string, AnswerValue> {
  return Object.fromEntries(answerable(step).map((item, i) => [item.id, answerFor(item, n + i)]));
}

/** Every answerable item of the pack with its step, in order: distinct answer keys for benches. */
export function packItems(steps: readonly Step[]): { step: number; item: Exclude<Item, { type: 'info' }> }[] {
  return steps.flatMap((s) => answerable(s).map((item) => ({ step: s.number, item })));
}
