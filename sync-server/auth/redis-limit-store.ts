/**
 * Limit counts in Redis, so every node sees one count and a restart forgets nothing. Redis
 * helps but never gates: while it cannot answer, counts fall back to this node's memory (which
 * every hit also updates), so a Redis outage never locks a school out of signing in.
 */
import { TIMED_OUT, within } from '../timeout.ts';
import { createClient } from 'redis';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { LimitStore, LimitWindow } from './limit-store.ts';
import { opaqueLimitKey } from './limit-keys.ts';

const KEY_PREFIX = 'moe:';
const COMMAND_TIMEOUT_MS = 500;
const READY_WAIT_MS = 3_000;
const CLOSE_WAIT_MS = 1_000;

// INCR and the window's expiry in one atomic step, so no count is ever left without an expiry.
// The expiry is set only when the key has none: the window runs from the first hit.
const HIT_SCRIPT = `local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

// Count and time left read together. (A script rather than MULTI: the client queues a MULTI
// while disconnected instead of failing it at once.)
const PEEK_SCRIPT = `return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1])}`;

const Reply = z.tuple([z.number().int(), z.number().int()]);

export class RedisLimitStore implements LimitStore {
  readonly #client;
  readonly #ready: Promise<void>;
  /** undefined until the first answer or failure; a warning is logged once per outage. */
  #up: boolean | undefined;

  constructor(
    url: string,
    private readonly local: LimitStore,
    private readonly log: Logger,
    /** Keys reach Redis only through opaqueLimitKey: no client address in plain text. */
    private readonly keySecret: string,
  ) {
    // Commands fail at once while disconnected (no offline queue); a hung Redis is cut off by
    // #shared. Either way a login waits for the fallback, never for Redis.
    this.#client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 2_000 } });
    this.#client.on('error', (err: Error) => this.#down(err));
    this.#client.on('ready', () => this.#back());
    this.#ready = new Promise((resolve) => {
      this.#client.once('ready', resolve);
      this.#client.once('error', resolve);
    });
    // The client keeps reconnecting on its own; its failures arrive through 'error'.
    this.#client.connect().catch(() => {});
  }

  #key(key: string): string {
    return KEY_PREFIX + opaqueLimitKey(this.keySecret, key);
  }

  #down(err: unknown): void {
    if (this.#up === false) return;
    this.#up = false;
    // The message only: keys and arguments (addresses, hashed accounts) stay out of the log.
    const reason = err instanceof Error ? err.message : String(err);
    this.log.warn({ err: reason }, 'redis unreachable: rate limits count on this node only');
  }

  #back(): void {
    if (this.#up === false) this.log.info('redis reachable again: rate limits shared');
    this.#up = true;
  }

  async #shared<T>(op: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    try {
      // The client's own command timeout stops counting once a command is written, so this one
      // covers the whole round trip.
      const result = await within(op(), COMMAND_TIMEOUT_MS);
      if (result === TIMED_OUT) throw new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`);
      this.#back();
      return result;
    } catch (err) {
      this.#down(err);
      return fallback();
    }
  }

  async hit(key: string, windowMs: number): Promise<LimitWindow> {
    const local = await this.local.hit(key, windowMs);
    return this.#shared(
      async () => {
        const reply = await this.#client.eval(HIT_SCRIPT, { keys: [this.#key(key)], arguments: [String(windowMs)] });
        const [count, resetInMs] = Reply.parse(reply);
        return { count, resetInMs };
      },
      async () => local,
    );
  }

  async peek(key: string): Promise<LimitWindow> {
    return this.#shared(
      async () => {
        const reply = await this.#client.eval(PEEK_SCRIPT, { keys: [this.#key(key)] });
        const [count, ttl] = Reply.parse(reply);
        // PTTL is -2 for a missing key; HIT_SCRIPT never leaves one without an expiry (-1).
        return ttl < 0 ? { count: 0, resetInMs: 0 } : { count, resetInMs: ttl };
      },
      () => this.local.peek(key),
    );
  }

  async clear(key: string): Promise<void> {
    await this.local.clear(key);
    await this.#shared(
      async () => void (await this.#client.del(this.#key(key))),
      async () => {},
    );
  }

  /** Waits for the first connection, or its failure, at most 3 s. */
  async ready(): Promise<void> {
    await within(this.#ready, READY_WAIT_MS);
  }

  async close(): Promise<void> {
    this.#client.removeAllListeners('error');
    this.#client.on('error', () => {});
    // close() waits for the replies still due; a hung Redis must not hold the shutdown.
    if (this.#client.isReady) await within(this.#client.close(), CLOSE_WAIT_MS).catch(() => {});
    if (this.#client.isOpen) this.#client.destroy();
    await this.local.close();
  }
}
