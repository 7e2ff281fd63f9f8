/**
 * The sync engine: one background loop per kiosk. Rounds run one at a time (push, pull, leases,
 * content); a local change or a socket nudge asks for a round at once; failures back off with
 * jitter up to a minute; an idle kiosk still syncs every half minute. Everything it learns
 * (cursor, clock offset, last success) is in the store, so it resumes after a restart.
 */
import type { SyncStatus } from '../../../core/contracts/kiosk.ts';
import type { DeviceHealth } from '../../../core/contracts/sync.ts';
import { kioskMessages } from '../../../core/messages/kiosk.ts';
import type { CorrectedClock } from '../clock.ts';
import { getMeta, setMeta, type Enrollment } from '../store/meta.ts';
import type { KioskStore } from '../store/open.ts';
import { outboxStats } from '../store/outbox.ts';
import { SyncApi, SyncRefused } from './api.ts';
import { backoffDelay } from './backoff.ts';
import { connectNudges, type Nudges } from './nudges.ts';
import { pullAll, pushAll, refreshContent, topUpLeases, type SyncDeps } from './steps.ts';
import { NetworkError } from './transport.ts';

export interface EngineOptions {
  store: KioskStore;
  clock: CorrectedClock;
  instanceId: string;
  appVersion: string;
  log: (msg: string, extra?: object) => void;
  idleMs?: number;
  /** Live nudges over socket.io (tests of the loop alone may turn them off). */
  nudges?: boolean;
}

const CONTENT_REFRESH_MS = 3_600_000;
const LEASE_RETRY_MS = 60_000;

export class SyncEngine {
  #online = false;
  #lastError: string | null = null;
  #failures = 0;
  #timer: NodeJS.Timeout | undefined;
  #dueAt = Infinity;
  #chain: Promise<unknown> = Promise.resolve();
  #nudges: Nudges | undefined;
  #contentAt = 0;
  #leasesAt = 0;
  #closed = false;

  constructor(private readonly o: EngineOptions) {}

  enrollment(): Enrollment | undefined {
    return getMeta(this.o.store, 'lost') ? undefined : getMeta(this.o.store, 'enrollment');
  }

  api(serverUrl?: string): SyncApi {
    const e = getMeta(this.o.store, 'enrollment');
    return new SyncApi(serverUrl ?? e?.serverUrl ?? '', () => e?.credential, this.o.clock);
  }

  /** True while the live socket.io channel is up. */
  live(): boolean {
    return this.#nudges?.connected() ?? false;
  }

  status(): SyncStatus {
    return {
      online: this.#online || (this.#nudges?.connected() ?? false),
      pending: outboxStats(this.o.store).pending,
      lastSyncAt: getMeta(this.o.store, 'lastSyncAt') ?? null,
      lastError: this.#lastError,
    };
  }

  health(): DeviceHealth {
    const { pending, oldestPendingAt } = outboxStats(this.o.store);
    return {
      pending,
      oldestPendingAt,
      lastSyncAt: getMeta(this.o.store, 'lastSyncAt') ?? null,
      lastError: this.#lastError?.slice(0, 500) ?? null,
      clockOffsetMs: Math.round(this.o.clock.offsetMs()),
      appVersion: this.o.appVersion,
      instanceId: this.o.instanceId,
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

  /** Asks for a round in `delayMs` unless one is already due sooner (a stream of saves must not starve it). */
  kick(delayMs = 0): void {
    if (this.#closed || !this.enrollment()) return;
    const due = performance.now() + delayMs;
    if (this.#timer && due >= this.#dueAt) return;
    this.#clearTimer();
    this.#dueAt = due;
    this.#timer = setTimeout(() => void this.syncNow(), delayMs);
  }

  #clearTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dueAt = Infinity;
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
      this.#clearTimer();
      try {
        const d = this.#deps();
        await pushAll(d);
        await pullAll(d);
        const now = this.o.clock.deviceTime();
        if (now - this.#leasesAt > LEASE_RETRY_MS && (await topUpLeases(d))) this.#leasesAt = now;
        if (!getMeta(this.o.store, 'content') || now - this.#contentAt > CONTENT_REFRESH_MS) {
          await refreshContent(d);
          this.#contentAt = now;
        }
        this.#succeeded();
        this.kick(this.o.idleMs ?? 30_000);
        return true;
      } catch (err) {
        this.#failed(err);
        return false;
      }
    });
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
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), timeoutMs)));
    try {
      return await Promise.race([push, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  #succeeded(): void {
    this.#online = true;
    this.#failures = 0;
    this.#lastError = null;
    setMeta(this.o.store, 'lastSyncAt', this.o.clock.now());
    setMeta(this.o.store, 'clockOffsetMs', this.o.clock.offsetMs());
  }

  #failed(err: unknown): void {
    this.#failures += 1;
    if (err instanceof SyncRefused && err.deviceLost) {
      this.#online = true;
      this.#lastError = kioskMessages.DEVICE_LOST;
      setMeta(this.o.store, 'lost', { code: err.code, message: err.message || kioskMessages.DEVICE_LOST });
      this.#nudges?.close();
      this.#nudges = undefined;
      this.o.log('sync: credential refused, re-enrolment needed', { code: err.code });
      return;
    }
    if (err instanceof NetworkError) {
      this.#online = false;
      this.#lastError = kioskMessages.SYNC_OFFLINE;
    } else if (err instanceof SyncRefused && (err.status >= 500 || err.status === 429)) {
      this.#online = false;
      this.#lastError = err.message || kioskMessages.SYNC_SERVER_ERROR;
    } else {
      this.#lastError = err instanceof Error ? err.message : String(err);
      this.o.log('sync: round failed', { err: this.#lastError });
    }
    this.kick(backoffDelay(this.#failures));
  }

  /** Waits for the round in progress, then stops for good. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#clearTimer();
    this.#nudges?.close();
    await this.#chain;
  }
}
