/**
 * Where a participant resumes ("продолжить участие с того шага, на котором приостановил свою
 * активность"): the first step not completed, at the item they had reached in it.
 */
import { isItemAnswered, type StepAnswers } from './answers.ts';
import type { ContentPack, Step } from './schema.ts';

export type PackAnswers = Readonly<Record<number, StepAnswers | undefined>>;

export interface Position {
  /** Step number, 1-based as in the pack. */
  step: number;
  /** Index into that step's items. */
  itemIndex: number;
}

/**
 * The item to show on resume. It is the earliest of: the first required item without an answer,
 * and the first item after the last answered one (an optional item left blank before an answered
 * one was skipped on purpose). Info pages right before it are shown again, since they introduce it.
 * When every item is answered, the last item is shown so the participant can finish the step.
 */
export function resumeItemIndex(step: Step, answers: StepAnswers = {}): number {
  const answered = (i: number) =>
    step.items[i]!.type !== 'info' && isItemAnswered(step.items[i]!, answers[step.items[i]!.id]);
  let lastAnswered = -1;
  let firstMissing = -1;
  step.items.forEach((item, i) => {
    if (answered(i)) lastAnswered = i;
    else if (firstMissing < 0 && item.type !== 'info' && item.required) firstMissing = i;
  });
  let index = lastAnswered + 1;
  if (firstMissing >= 0 && firstMissing < index) index = firstMissing;
  if (index >= step.items.length) return step.items.length - 1;
  while (index > 0 && step.items[index - 1]!.type === 'info') index -= 1;
  return index;
}

/** The first unfinished step and the item to show in it, or null when every step is completed. */
export function firstUnfinished(
  pack: ContentPack,
  answers: PackAnswers,
  completedSteps: Iterable<number>,
): Position | null {
  const done = new Set(completedSteps);
  const step = pack.steps.find((s) => !done.has(s.number));
  if (!step) return null;
  return { step: step.number, itemIndex: resumeItemIndex(step, answers[step.number]) };
}
