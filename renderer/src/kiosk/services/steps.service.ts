/**
 * What a student does inside the steps: answer (saved at once, «Сохранено» only after the kiosk
 * stored it), move back and forth, finish a step. Moving on waits for pending saves, so nothing
 * the screen called saved is ever lost by pressing «Далее» too quickly.
 */
import type { AnswerValue } from '../../../../core/mutations/schemas.ts';
import { screenMessages as m } from '../../../../core/messages/screens.ts';
import { kiosk } from '../../lib/bridge/bridge.ts';
import { BridgeError } from '../../lib/bridge/bridge-error.ts';
import { answerByMovingOn, validateAnswer } from '../../../../core/content/answers.ts';
import { kioskState } from '../state/kiosk.svelte.ts';
import type { PendingSave as Slot, StepRunner } from '../state/steps.svelte.ts';

async function send(runner: StepRunner, step: number, itemId: string, slot: Slot): Promise<void> {
  const generation = kioskState.generation;
  for (;;) {
    const value = slot.latest;
    runner.setSave(step, itemId, 'saving');
    try {
      await kiosk.invoke('saveAnswer', { step, itemId, value });
    } catch (error) {
      if (generation !== kioskState.generation) return;
      runner.setSave(step, itemId, 'failed');
      if (error instanceof BridgeError && error.code !== 'HOST_UNREACHABLE') runner.setProblem(error.message);
      return;
    }
    if (generation !== kioskState.generation) return;
    // A newer answer arrived while this one was on its way: send that one too.
    if (slot.latest === value) return runner.setSave(step, itemId, 'saved');
  }
}

function run(runner: StepRunner, step: number, itemId: string, slot: Slot): Promise<void> {
  slot.timer = undefined;
  slot.running ??= send(runner, step, itemId, slot).finally(() => (slot.running = null));
  return slot.running;
}

/** Records an answer on screen at once and saves it; typing waits for a short pause first. */
export function answer(runner: StepRunner, step: number, itemId: string, value: AnswerValue, delayMs = 0): void {
  runner.setAnswer(step, itemId, value);
  // Never «Сохранено» for an answer still waiting for its save, even during the typing pause.
  runner.setSave(step, itemId, 'saving');
  const key = `${step}:${itemId}`;
  const slot = runner.pending.get(key) ?? { latest: value, timer: undefined, running: null };
  runner.pending.set(key, slot);
  slot.latest = value;
  if (slot.timer !== undefined) clearTimeout(slot.timer);
  if (delayMs > 0 && !slot.running) slot.timer = setTimeout(() => void run(runner, step, itemId, slot), delayMs);
  else if (!slot.running) void run(runner, step, itemId, slot);
}

/** Sends what is still waiting and resolves when every answer is stored (or failed). */
export async function flushAnswers(runner: StepRunner): Promise<boolean> {
  const work = [...runner.pending.entries()].map(([key, slot]) => {
    const [step, itemId] = key.split(':') as [string, string];
    return slot.timer !== undefined ? run(runner, Number(step), itemId, slot) : (slot.running ?? Promise.resolve());
  });
  await Promise.all(work);
  const failed = [...runner.pending.keys()].some((key) => {
    const [step, itemId] = key.split(':') as [string, string];
    return runner.saveStateOf(Number(step), itemId) === 'failed';
  });
  if (!failed) runner.pending.clear();
  return !failed;
}

/** Tries a failed save again. */
export function retrySave(runner: StepRunner, step: number, itemId: string): void {
  const value = runner.answerOf(step, itemId);
  if (value !== undefined) answer(runner, step, itemId, value);
}

export function startStep(runner: StepRunner, step: number): void {
  runner.go({ kind: 'item', step, index: 0 });
}

/** Moving on past an untouched item whose silence is an answer records that answer (answers.ts). */
function answerUntouched(runner: StepRunner): void {
  const { step, item } = runner;
  if (!step || !item || runner.value !== undefined) return;
  const given = answerByMovingOn(item);
  if (given !== undefined) answer(runner, step.number, item.id, given);
}

export async function nextItem(runner: StepRunner): Promise<void> {
  answerUntouched(runner);
  const { view, step, item } = runner;
  if (view.kind !== 'item' || !step || !item) return;
  const problem = validateAnswer(item, runner.value);
  if (problem) return runner.setProblem(problem);
  if (!(await flushAnswers(runner))) return runner.setProblem(m.steps.saveFailed);
  if (view.index < step.items.length - 1) runner.go({ kind: 'item', step: view.step, index: view.index + 1 });
}

export function previousItem(runner: StepRunner): void {
  const { view } = runner;
  if (view.kind !== 'item') return;
  runner.go(
    view.index === 0 ? { kind: 'intro', step: view.step } : { kind: 'item', step: view.step, index: view.index - 1 },
  );
}

/** «Завершить шаг»: every required item answered and stored, then the step is completed. */
export async function finishStep(runner: StepRunner): Promise<void> {
  const { view, step } = runner;
  if (view.kind !== 'item' || !step || runner.busy) return;
  answerUntouched(runner);
  const firstProblem = step.items.findIndex((it) => validateAnswer(it, runner.answerOf(step.number, it.id)));
  if (firstProblem >= 0) {
    const item = step.items[firstProblem]!;
    runner.go({ kind: 'item', step: step.number, index: firstProblem });
    return runner.setProblem(validateAnswer(item, runner.answerOf(step.number, item.id)));
  }
  runner.setBusy(true);
  const generation = kioskState.generation;
  try {
    if (!(await flushAnswers(runner))) return runner.setProblem(m.steps.saveFailed);
    const progress = await kiosk.invoke('completeStep', { step: step.number });
    if (generation !== kioskState.generation) return;
    runner.apply(progress);
    if (runner.allDone) runner.go({ kind: 'done' });
    else if (step.breakAfter) runner.go({ kind: 'pause', step: step.number });
    else runner.go({ kind: 'intro', step: runner.nextStep ?? step.number + 1 });
  } catch (error) {
    runner.setProblem(error instanceof BridgeError ? error.message : m.errors.hostFailed);
  } finally {
    runner.setBusy(false);
  }
}

/** After the pause: on to the next unfinished step. */
export function continueAfterPause(runner: StepRunner): void {
  const next = runner.nextStep;
  runner.go(next === null ? { kind: 'done' } : { kind: 'intro', step: next });
}

/**
 * Opens the steps where the student left off, by the kiosk's latest progress: answers given on
 * another PC of the school may have arrived since sign-in.
 */
export async function openSteps(runner: StepRunner): Promise<void> {
  const generation = kioskState.generation;
  try {
    const progress = await kiosk.invoke('progress', {});
    if (generation !== kioskState.generation) return;
    if (runner.pending.size === 0) runner.resume(progress);
  } catch {
    // The kiosk's copy from sign-in is still good enough to go on.
  }
  if (runner.allDone) runner.go({ kind: 'done' });
  else if (runner.view.kind === 'done' || runner.view.kind === 'pause') continueAfterPause(runner);
  kioskState.go('steps');
}
