/**
 * Fixed-window counters behind every rate limit (failed logins, certificate lookups). In memory
 * on a single node; in Redis when several nodes share them (redis-limit-store.ts).
 */
import type { ServerContext } from '../context.ts';
import { limitKeySecret } from './limit-keys.ts';
import { RedisLimitStore } from './redis-limit-store.ts';

/** A key's open window: hits counted so far and how long until the window ends. */
export interface LimitWindow {
  count: number;
  resetInMs: number;
}

export interface LimitStore {
  /** Counts one hit; the first hit of a key opens its window of `windowMs`. */
  hit(key: string, windowMs: number): Promise<LimitWindow>;
  /** The key's open window, or a count of 0 when none is open. */
  peek(key: string): Promise<LimitWindow>;
  clear(key: string): Promise<void>;
  /** Resolves once the store can count (or has found it cannot reach its server). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const CLOSED: LimitWindow = { count: 0, resetInMs: 0 };

/** This process's own counts: a restart forgets them and each node counts separately. */
export class MemoryLimitStore implements LimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number) {}

  #live(key: string) {
    const w = this.#windows.get(key);
    if (w && w.resetAt <= this.now()) {
      this.#windows.delete(key);
      return undefined;
    }
    return w;
  }

  async hit(key: string, windowMs: number): Promise<LimitWindow> {
    this.#prune();
    const w = this.#live(key) ?? { count: 0, resetAt: this.now() + windowMs };
    w.count += 1;
    this.#windows.set(key, w);
    return { count: w.count, resetInMs: w.resetAt - this.now() };
  }

  async peek(key: string): Promise<LimitWindow> {
    const w = this.#live(key);
    return w ? { count: w.count, resetInMs: w.resetAt - this.now() } : CLOSED;
  }

  async clear(key: string): Promise<void> {
    this.#windows.delete(key);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.#windows.clear();
  }

  // Bounds memory under a flood of distinct keys: drop expired windows now and then.
  #prune(): void {
    if (this.#windows.size < 10_000) return;
    const now = this.now();
    for (const [key, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(key);
  }
}

/** Redis when REDIS_URL is set (shared by the nodes, kept over restarts), else this process's memory. */
export async function openLimitStore(ctx: Pick<ServerContext, 'config' | 'log' | 'now' | 'db'>): Promise<LimitStore> {
  const memory = new MemoryLimitStore(ctx.now);
  if (!ctx.config.redisUrl) return memory;
  return new RedisLimitStore(ctx.config.redisUrl, memory, ctx.log, await limitKeySecret(ctx.db));
}
