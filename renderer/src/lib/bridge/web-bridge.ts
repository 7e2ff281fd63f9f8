/**
 * The kiosk API over HTTP to the central server, for the participant's screens on the web:
 * POST /api/participant/:channel, the session a cookie (HttpOnly, never seen by scripts). Answers
 * go through the page's outbox (outbox.ts): saved on the device at once, sent in order, resent
 * when the connection returns. The status the screens poll carries the outbox's state, so the
 * status line says plainly whether everything is saved on the server.
 */
import {
  KioskError,
  type KioskBridge,
  type KioskChannel,
  type KioskInput,
  type KioskOutput,
  type KioskStatus,
  type Progress,
} from '../../../../core/contracts/kiosk.ts';
import { screenMessages as m } from '../../../../core/messages/screens.ts';
import { webMessages } from '../../../../core/messages/web.ts';
import { BridgeError } from './bridge-error.ts';
import { Outbox } from './outbox.ts';

const BASE = './api/participant';

/** Refusals after which an answer will never be taken: it leaves the outbox, said once. */
const FINAL = (status: number) => status >= 400 && status < 500 && ![401, 408, 429].includes(status);

export class WebBridge implements KioskBridge {
  readonly outbox: Outbox;
  #online = true;
  #lastContact: number | null = null;
  #status: KioskStatus | null = null;
  #flushing: Promise<void> | null = null;

  constructor(outbox = new Outbox()) {
    this.outbox = outbox;
    window.addEventListener('online', () => void this.flush());
  }

  async invoke<C extends KioskChannel>(channel: C, input: KioskInput<C>): Promise<KioskOutput<C>> {
    switch (channel) {
      case 'status':
        return (await this.#statusNow()) as KioskOutput<C>;
      case 'saveAnswer':
        return (await this.#saveAnswer(input as KioskInput<'saveAnswer'>)) as KioskOutput<C>;
      case 'progress':
        return this.#withUnsent((await this.#post('progress', {})) as Progress) as KioskOutput<C>;
      case 'completeStep': {
        // The server completes a step from the answers it holds: every one must be there first.
        await this.flush();
        if (this.outbox.size > 0) throw new BridgeError({ code: 'OFFLINE', message: webMessages.completeOffline });
        return (await this.#post(channel, input)) as KioskOutput<C>;
      }
      case 'logout': {
        await this.flush();
        const out = await this.#post(channel, input);
        this.outbox.setOwner(null);
        return out as KioskOutput<C>;
      }
      default: {
        const out = await this.#post(channel, input);
        this.#learnOwner(channel, out);
        return out as KioskOutput<C>;
      }
    }
  }

  /** Sends what waits, oldest first; stops at the first failure of the connection. */
  flush(): Promise<void> {
    this.#flushing ??= this.#drain().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #drain(): Promise<void> {
    for (;;) {
      const entry = this.outbox.entries()[0];
      if (!entry || !this.outbox.owner) return;
      try {
        await this.#post('saveAnswer', entry);
        this.outbox.remove(entry.mutationId);
      } catch (error) {
        if (!(error instanceof Refusal) || !FINAL(error.status)) {
          // Unreachable, or the session is gone: the answer waits here for the next try.
          if (error instanceof Refusal) this.#refusals.set(entry.mutationId, error);
          return;
        }
        this.#refusals.set(entry.mutationId, error);
        this.outbox.remove(entry.mutationId);
      }
    }
  }

  /** Refusals of answers, for the save that is waiting on them (kept briefly, a few at most). */
  readonly #refusals = new Map<string, Refusal>();

  /** Saved on the device at once; sent now if the connection allows, else when it returns. */
  async #saveAnswer(input: KioskInput<'saveAnswer'>): Promise<KioskOutput<'saveAnswer'>> {
    const entry = this.outbox.add(input);
    await this.flush();
    const refusal = this.#refusals.get(entry.mutationId);
    this.#refusals.clear();
    // A refusal of this very answer (a wrong shape, a lost session) is the screen's to show.
    if (refusal) throw refusal;
    return { savedAt: Date.now() };
  }

  /** The server's progress with the answers still waiting here laid over it. */
  #withUnsent(progress: Progress): Progress {
    const answers = structuredClone(progress.answers);
    for (const e of this.outbox.entries()) (answers[String(e.step)] ??= {})[e.itemId] = e.value;
    return { ...progress, answers };
  }

  async #statusNow(): Promise<KioskStatus> {
    try {
      this.#status = (await this.#post('status', {})) as KioskStatus;
      if (this.outbox.size > 0) void this.flush();
    } catch (error) {
      if (!this.#status) throw error;
    }
    return {
      ...this.#status,
      sync: {
        online: this.#online,
        pending: this.outbox.size,
        lastSyncAt: this.#lastContact,
        lastError: this.#online ? null : webMessages.offline,
      },
    };
  }

  #learnOwner(channel: KioskChannel, out: unknown): void {
    if (channel !== 'login' && channel !== 'register' && channel !== 'me') return;
    const participant = (out as { participant?: { id: string } | null }).participant;
    this.outbox.setOwner(participant?.id ?? null);
    if (participant) void this.flush();
  }

  async #post(channel: KioskChannel, input: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${BASE}/${channel}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
    } catch {
      this.#online = false;
      throw new Unreachable();
    }
    this.#online = true;
    this.#lastContact = Date.now();
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new Refusal(response.status, body);
    return body;
  }
}

/** The server could not be reached: the screens say so, and nothing typed is lost. */
class Unreachable extends BridgeError {
  constructor() {
    super({ code: 'HOST_UNREACHABLE', message: webMessages.offlineAction });
  }
}

/** The server answered with a refusal ({ error: KioskError }). */
class Refusal extends BridgeError {
  readonly status: number;

  constructor(status: number, body: unknown) {
    const parsed = KioskError.safeParse((body as { error?: unknown } | null)?.error);
    const error = parsed.success
      ? parsed.data
      : { code: `HTTP_${status}`, message: status >= 500 ? m.errors.hostFailed : m.errors.badRequest };
    super(error);
    this.status = status;
  }
}
