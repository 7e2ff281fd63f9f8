/**
 * The root of the kiosk's screen state: which screen is open, the device status, and the
 * signed-in student with their steps. Signing out drops the student's objects whole, so the
 * next student starts from nothing.
 */
import type { ContentPack } from '../../../../core/content/schema.ts';
import type { ParticipantView, Progress } from '../../../../core/contracts/kiosk.ts';
import { StudentSession } from './session.svelte.ts';
import { StatusManager } from './status.svelte.ts';
import { StepRunner } from './steps.svelte.ts';

export type Screen = 'loading' | 'enroll' | 'start' | 'register' | 'login' | 'home' | 'steps';

export class KioskState {
  readonly status = new StatusManager();
  #screen = $state<Screen>('loading');
  #session = $state<StudentSession | null>(null);
  #runner = $state<StepRunner | null>(null);
  /** Why the last student was signed out without pressing «Выйти» (shown on the start screen). */
  #farewell = $state<string | null>(null);
  /** Bumped on every sign-out so late answers of a previous student are ignored. */
  #generation = 0;

  readonly signedIn = $derived(this.#session !== null);

  get screen(): Screen {
    return this.#screen;
  }

  get session(): StudentSession | null {
    return this.#session;
  }

  get runner(): StepRunner | null {
    return this.#runner;
  }

  get generation(): number {
    return this.#generation;
  }

  get farewell(): string | null {
    return this.#farewell;
  }

  go(screen: Screen): void {
    this.#screen = screen;
    if (screen !== 'start') this.#farewell = null;
  }

  signIn(participant: ParticipantView, pack: ContentPack, progress: Progress): void {
    this.#session = new StudentSession(participant);
    this.#runner = new StepRunner(pack, progress);
    this.#screen = 'home';
  }

  signOut(reason: string | null = null): void {
    this.#generation++;
    this.#session = null;
    this.#runner = null;
    this.#screen = this.status.enrolled ? 'start' : 'enroll';
    this.#farewell = reason;
  }
}

export const kioskState = new KioskState();
