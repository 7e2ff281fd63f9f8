/**
 * The web page's small outbox: a student's answers on their way to the server, kept in this
 * browser's storage (per student) until the server has them, so a phone that loses its connection
 * mid-step keeps what was typed, even across a reload. Each answer carries its own mutation id:
 * a resend after a lost reply is the same mutation, which the server applies once.
 */
import type { KioskInput } from '../../../../core/contracts/kiosk.ts';
import { uuidv7 } from '../../../../core/ids.ts';

export interface OutboxEntry {
  mutationId: string;
  step: number;
  itemId: string;
  value: KioskInput<'saveAnswer'>['value'];
}

const KEY_PREFIX = 'moe-outbox:';

export class Outbox {
  #owner: string | null = null;
  #entries: OutboxEntry[] = [];
  readonly #storage: Storage | null;

  constructor(storage: Storage | null = safeStorage()) {
    this.#storage = storage;
  }

  /** Whose answers these are: only the signed-in student's entries are ever sent. */
  get owner(): string | null {
    return this.#owner;
  }

  setOwner(participantId: string | null): void {
    if (participantId === this.#owner) return;
    this.#owner = participantId;
    this.#entries = participantId ? this.#load(participantId) : [];
  }

  get size(): number {
    return this.#entries.length;
  }

  entries(): readonly OutboxEntry[] {
    return this.#entries;
  }

  /** Queues an answer; an unsent older answer to the same item gives way to it. */
  add(input: KioskInput<'saveAnswer'>): OutboxEntry {
    const entry: OutboxEntry = { mutationId: uuidv7(), step: input.step, itemId: input.itemId, value: input.value };
    this.#entries = [...this.#entries.filter((e) => e.step !== entry.step || e.itemId !== entry.itemId), entry];
    this.#save();
    return entry;
  }

  /** The server has it (or refused it for good): gone from the outbox. */
  remove(mutationId: string): void {
    this.#entries = this.#entries.filter((e) => e.mutationId !== mutationId);
    this.#save();
  }

  has(mutationId: string): boolean {
    return this.#entries.some((e) => e.mutationId === mutationId);
  }

  #load(owner: string): OutboxEntry[] {
    try {
      const raw = this.#storage?.getItem(KEY_PREFIX + owner);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as OutboxEntry[]) : [];
    } catch {
      return [];
    }
  }

  #save(): void {
    if (!this.#owner || !this.#storage) return;
    try {
      if (this.#entries.length) this.#storage.setItem(KEY_PREFIX + this.#owner, JSON.stringify(this.#entries));
      else this.#storage.removeItem(KEY_PREFIX + this.#owner);
    } catch {
      // A full or forbidden storage keeps the outbox in memory for this page's life.
    }
  }
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
