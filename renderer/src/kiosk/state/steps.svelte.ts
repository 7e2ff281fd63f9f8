/**
 * Where a student is in the 12 steps and what they answered. The view moves one screen at a
 * time: a step's introduction, then its items one by one, then a pause after a step marked
 * breakAfter, and the result once every step is done.
 */
import type { Progress } from '../../../../core/contracts/kiosk.ts';
import type { ContentPack, Item, Step } from '../../../../core/content/schema.ts';
import type { AnswerValue } from '../../../../core/mutations/schemas.ts';

export type StepView =
  | { kind: 'intro'; step: number }
  | { kind: 'item'; step: number; index: number }
  | { kind: 'pause'; step: number }
  | { kind: 'done' };

export type SaveState = 'saving' | 'saved' | 'failed';

/** An answer on its way to the kiosk store: the newest value wins, one request at a time. */
export interface PendingSave {
  latest: AnswerValue;
  timer: ReturnType<typeof setTimeout> | undefined;
  running: Promise<void> | null;
}

const keyOf = (step: number, itemId: string) => `${step}:${itemId}`;

export class StepRunner {
  /** Saves not yet confirmed, keyed «step:itemId»; dropped with the runner at sign-out. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- timers and promises, never drawn
  readonly pending = new Map<string, PendingSave>();
  #answers = $state<Record<string, Record<string, AnswerValue>>>({});
  #completed = $state<number[]>([]);
  #view = $state<StepView>({ kind: 'intro', step: 1 });
  #saves = $state<Record<string, SaveState>>({});
  #problem = $state<string | null>(null);
  #busy = $state(false);

  readonly item: Item | null = $derived(
    this.#view.kind === 'item' ? (this.step?.items[this.#view.index] ?? null) : null,
  );
  readonly value: AnswerValue | undefined = $derived(
    this.step && this.item ? this.#answers[this.step.number]?.[this.item.id] : undefined,
  );
  readonly saveState: SaveState | null = $derived(
    this.step && this.item ? (this.#saves[keyOf(this.step.number, this.item.id)] ?? null) : null,
  );
  readonly isLastItem = $derived(
    this.#view.kind === 'item' && this.step !== null && this.#view.index === this.step.items.length - 1,
  );
  readonly completedCount = $derived(this.#completed.length);
  /** Whether the student has answered anything yet (a code refused later must not lose it, and says so). */
  readonly answered = $derived(
    this.#completed.length > 0 || Object.values(this.#answers).some((step) => Object.keys(step).length > 0),
  );

  readonly pack: ContentPack;

  constructor(pack: ContentPack, progress: Progress) {
    this.pack = pack;
    this.resume(progress);
  }

  /** Takes the kiosk's latest progress (sync may have brought answers from another PC) and its resume point. */
  resume(progress: Progress): void {
    this.apply(progress);
    this.#view = this.#resumeView(progress);
    this.#problem = null;
  }

  // Getters, not $derived: they read `pack`, which the constructor sets after field initializers.
  get total(): number {
    return this.pack.steps.length;
  }

  get step(): Step | null {
    return this.#view.kind === 'done' ? null : (this.pack.steps[this.#view.step - 1] ?? null);
  }

  get allDone(): boolean {
    return this.#completed.length >= this.pack.steps.length;
  }

  /** The step to resume at: the first one not completed. */
  get nextStep(): number | null {
    return this.pack.steps.find((s) => !this.#completed.includes(s.number))?.number ?? null;
  }

  get view(): StepView {
    return this.#view;
  }

  get problem(): string | null {
    return this.#problem;
  }

  get busy(): boolean {
    return this.#busy;
  }

  answerOf(step: number, itemId: string): AnswerValue | undefined {
    return this.#answers[step]?.[itemId];
  }

  answersOf(step: number): Record<string, AnswerValue> {
    return { ...this.#answers[step] };
  }

  saveStateOf(step: number, itemId: string): SaveState | null {
    return this.#saves[keyOf(step, itemId)] ?? null;
  }

  isCompleted(step: number): boolean {
    return this.#completed.includes(step);
  }

  apply(progress: Progress): void {
    this.#answers = structuredClone(progress.answers);
    this.#completed = [...progress.completedSteps];
  }

  setAnswer(step: number, itemId: string, value: AnswerValue): void {
    this.#answers[step] = { ...this.#answers[step], [itemId]: value };
    this.#problem = null;
  }

  setSave(step: number, itemId: string, state: SaveState): void {
    this.#saves[keyOf(step, itemId)] = state;
  }

  setProblem(message: string | null): void {
    this.#problem = message;
  }

  setBusy(busy: boolean): void {
    this.#busy = busy;
  }

  go(view: StepView): void {
    this.#view = view;
    this.#problem = null;
  }

  /** Where to open: the host's resume point, or the result when everything is done. */
  #resumeView(progress: Progress): StepView {
    if (!progress.resume) return this.allDone ? { kind: 'done' } : { kind: 'intro', step: this.nextStep ?? 1 };
    const { step, itemIndex } = progress.resume;
    const started = Object.keys(progress.answers[step] ?? {}).length > 0;
    return itemIndex === 0 && !started ? { kind: 'intro', step } : { kind: 'item', step, index: itemIndex };
  }
}
