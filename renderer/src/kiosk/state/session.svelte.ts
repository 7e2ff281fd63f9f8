/**
 * The signed-in student: who they are, their activation and the notices (refusals) they must
 * see. One instance per sign-in; signing out drops it, so nothing of it stays in memory.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { ParticipantView } from '../../../../core/contracts/kiosk.ts';

export interface StudentNotice {
  id: string;
  code: string;
  message: string;
  at: number;
}

export class StudentSession {
  #participant: ParticipantView;
  #notices = $state<StudentNotice[]>([]);
  #dismissed = new SvelteSet<string>();

  constructor(participant: ParticipantView) {
    this.#participant = $state(participant);
  }

  get displayName(): string {
    return `${this.#participant.name} ${this.#participant.surname}`;
  }

  get activation(): ParticipantView['activation'] {
    return this.#participant.activation;
  }

  /** The student may do the steps once a code is entered and not refused. */
  get canTakePart(): boolean {
    const a = this.#participant.activation;
    return a !== null && a.status !== 'rejected';
  }

  get visibleNotices(): StudentNotice[] {
    return this.#notices;
  }

  get participant(): ParticipantView {
    return this.#participant;
  }

  update(participant: ParticipantView): void {
    this.#participant = participant;
  }

  setNotices(notices: StudentNotice[]): void {
    this.#notices = notices.filter((n) => !this.#dismissed.has(n.id));
  }

  dismiss(id: string): void {
    this.#dismissed.add(id);
    this.#notices = this.#notices.filter((n) => n.id !== id);
  }
}
