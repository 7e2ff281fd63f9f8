/**
 * The sync engine: one background loop per kiosk. Rounds run one at a time (push, pull, leases,
 * content); a local change or a socket nudge asks for a round at once; failures back off with
 * jitter up to a minute; an idle kiosk still syncs every half minute. Everything it learns
 * (cursor, clock offset, last success) is in the store, so it resumes after a restart.
 */
import { forgetPastRetention } from '../store/erase-participants.ts';
import type { SyncStatus } from '../../../core/contracts/kiosk.ts';
import type { DeviceHealth } from '../../../core/contracts/sync.ts';
import { kioskMessages } from '../../../core/messages/kiosk.ts';
import type { CorrectedClock } from '../clock.ts';
import { getMeta, setMeta, type Enrollment } from '../store/meta.ts';
import type { KioskStore } from '../store/open.ts';
import { outboxStats } from '../store/outbox.ts';
import { syncedAt } from './health.ts';
import { SyncApi } from './api.ts';
import { backoffDelay } from './backoff.ts';
import { classify, within } from './failure.ts';
import { RoundTimer } from './round-timer.ts';
import { connectNudges, type Nudges } from './nudges.ts';
import { pullAll, pushAll, upkeep, type SyncDeps } from './steps.ts';

export interface EngineOptions {
  store: KioskStore;
  clock: CorrectedClock;
  instanceId: string;
  appVersion: string;
  log: (msg: string, extra?: object) => void;
  idleMs?: number;
  /** Push and pull time limit (TIMEOUTS.exchange unless set). */
  exchangeTimeoutMs?: number;
  /** Live nudges over socket.io (tests of the loop alone may turn them off). */
  nudges?: boolean;
  /** The students signed in now, for the health report. */
  signedIn?: () => string[];
}

export class SyncEngine {
  /** What the last round learnt of the link; unknown until one has ended. */
  #online: boolean | undefined;
  #lastError: string | null = null;
  #failures = 0;
  readonly #timer = new RoundTimer(() => void this.syncNow());
  #chain: Promise<unknown> = Promise.resolve();
  #nudges: Nudges | undefined;
  readonly #upkeep = { leasesAt: 0, contentAt: 0 };
  #closed = false;

  constructor(private readonly o: EngineOptions) {}

  enrollment(): Enrollment | undefined {
    return getMeta(this.o.store, 'lost') ? undefined : getMeta(this.o.store, 'enrollment');
  }

  api(serverUrl?: string): SyncApi {
    const e = getMeta(this.o.store, 'enrollment');
    return new SyncApi(serverUrl ?? e?.serverUrl ?? '', () => e?.credential, this.o.clock, this.o.exchangeTimeoutMs);
  }

  /** True while the live socket.io channel is up. */
  live(): boolean {
    return this.#nudges?.connected() ?? false;
  }

  status(): SyncStatus {
    return {
      // A round's outcome decides: the live socket stays «connected» for up to 45 s after a server
      // hangs, while a push that timed out already knows. Before any round, the socket tells.
      online: this.#online ?? this.#nudges?.connected() ?? false,
      pending: outboxStats(this.o.store).pending,
      lastSyncAt: getMeta(this.o.store, 'lastSyncAt') ?? null,
      lastError: this.#lastError,
    };
  }

  health(): DeviceHealth {
    const { store, clock, appVersion, instanceId } = this.o;
    return {
      ...outboxStats(store),
      ...syncedAt(store, clock),
      lastError: this.#lastError?.slice(0, 500) ?? null,
      appVersion,
      instanceId,
      ...(this.o.signedIn ? { signedIn: this.o.signedIn().slice(0, 100) } : {}),
    };
  }

  /** Starts the loop and the live channel, if this kiosk is enrolled. */
  start(): void {
    const e = this.enrollment();
    if (!e || this.#closed) return;
    this.#nudges?.close();
    if (this.o.nudges !== false) this.#nudges = connectNudges(e.serverUrl, e.credential, () => this.kick());
    this.kick();
  }

  /** Asks for a round in `delayMs` unless one is already due sooner. */
  kick(delayMs = 0): void {
    if (!this.#closed && this.enrollment()) this.#timer.schedule(delayMs);
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  #deps(): SyncDeps {
    const { store, clock, log } = this.o;
    return { store, clock, log, api: this.api(), health: () => this.health() };
  }

  /** One full round; resolves true when it succeeded. */
  syncNow(): Promise<boolean> {
    return this.#exclusive(async () => {
      if (this.#closed || !this.enrollment()) return false;
      this.#timer.clear();
      // Before the link is tried: an offline PC also forgets on time (core/privacy/retention.ts).
      const forgotten = forgetPastRetention(this.o.store, this.o.clock.now());
      if (forgotten) this.o.log('retention: participants erased here', { erased: forgotten });
      try {
        const d = this.#deps();
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const pushed = await pushAll(d);
        const t1 = performance.now();
        const c1 = process.cpuUsage();
        const pulled = await pullAll(d);
        const t2 = performance.now();
        const c2 = process.cpuUsage();
        await upkeep(d, this.#upkeep);
        this.#succeeded();
        // One line a round: what moved, how long it took and the CPU it cost this process (a slow
        // link or a backlog shows here; npm run bench reads it).
        const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
        const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) =>
          Math.round((b.user + b.system - a.user - a.system) / 1000);
        this.o.log('sync round', {
          pushed,
          pulled,
          pushMs: ms(t0, t1),
          pullMs: ms(t1, t2),
          ms: ms(t0, performance.now()),
          pushCpuMs: cpu(c0, c1),
          pullCpuMs: cpu(c1, c2),
        });
        this.kick(this.o.idleMs ?? 30_000);
        return true;
      } catch (err) {
        this.#failed(err);
        return false;
      }
    });
  }

  /**
   * Runs `fn` between rounds: re-enrolment swaps the credential and the cursor, and a round of
   * the old enrolment still in flight must not write its school's rows after the swap.
   */
  between<T>(fn: () => T): Promise<T> {
    return this.#exclusive(async () => fn());
  }

  /** Pushes the outbox now and waits at most `timeoutMs` (online activation wants the real answer). */
  async flush(timeoutMs: number): Promise<boolean> {
    if (!this.enrollment()) return false;
    const push = this.#exclusive(async () => {
      try {
        await pushAll(this.#deps(), timeoutMs);
        this.#succeeded();
        return true;
      } catch (err) {
        this.#failed(err);
        return false;
      }
    });
    return within(push, timeoutMs, false);
  }

  #succeeded(): void {
    this.#online = true;
    this.#failures = 0;
    this.#lastError = null;
    // One commit, not fsynced: a power cut may only make the last success look older (these
    // were two fsynced commits a round, most of an idle round's time on the kiosk).
    const { store, clock } = this.o;
    store.txUnsynced(() => {
      setMeta(store, 'lastSyncAt', clock.now());
      setMeta(store, 'clockOffsetMs', clock.offsetMs());
    });
  }

  #failed(err: unknown): void {
    this.#failures += 1;
    const f = classify(err);
    this.#lastError = f.kind === 'lost' ? kioskMessages.DEVICE_LOST : f.message;
    if (f.kind === 'lost') {
      // The server answered, so the link is up; the loop stops until the kiosk is enrolled again.
      this.#online = true;
      setMeta(this.o.store, 'lost', { code: f.code, message: f.message });
      this.#nudges?.close();
      this.#nudges = undefined;
      this.o.log('sync: credential refused, re-enrolment needed', { code: f.code });
      return;
    }
    if (f.kind === 'offline') this.#online = false;
    else this.o.log('sync: round failed', { err: f.message });
    this.kick(backoffDelay(this.#failures));
  }

  /** Waits for the round in progress, then stops for good. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#timer.clear();
    this.#nudges?.close();
    await this.#chain;
  }
}
