/**
 * The content pack: schema, the two packs shipped with the product, answer checks and resume.
 * The built-in packs are validated at import, so a broken pack fails the build's tests, not a class.
 */
import realPack from './packs/moe-budushchee.json' with { type: 'json' };
import testPack from './packs/test-pack.json' with { type: 'json' };
import type { ContentPack } from './schema.ts';
import { loadPack } from './validate-pack.ts';

export * from './schema.ts';
export {
  answerByMovingOn,
  answerShapeError,
  isItemAnswered,
  stepErrors,
  validateAnswer,
  type StepAnswers,
} from './answers.ts';
export { firstUnfinished, resumeItemIndex, type PackAnswers, type Position } from './progress.ts';
export { checkPack, isItemKeyed, loadPack, PackError, type PackReport } from './validate-pack.ts';

/** «Моё будущее»: the 12-step pack written for the action. */
export const DEFAULT_PACK: ContentPack = loadPack(realPack);

/** A 12-step pack with one or two items a step, every item type included: for end-to-end tests. */
export const TEST_PACK: ContentPack = loadPack(testPack);

/** The step with this number, if the pack has it. */
export function stepOf(pack: ContentPack, number: number) {
  return pack.steps[number - 1];
}
