/**
 * Failed-login counting, so a password cannot be guessed by trying: staff sign-in (`login`), a
 * student's sign-in on a kiosk through the lookup (`lookup`), a PC's enrollment code (`enroll`). The counts live in a
 * LimitStore: this process's memory on a single node, Redis when REDIS_URL is set, so several
 * nodes share one count and a restart forgets nothing.
 */
import { createHash } from 'node:crypto';
import type { LimitStore } from './limit-store.ts';

export interface LimiterOptions {
  /** Failures per IP + e-mail before refusing. */
  perAccount: number;
  /** Failures per IP over all e-mails, against spraying one password over many accounts. */
  perIp: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: LimiterOptions = { perAccount: 5, perIp: 50, windowMs: 15 * 60_000 };

export type LimitScope = 'login' | 'lookup' | 'enroll';

export class LoginLimiter {
  constructor(
    private readonly store: LimitStore,
    private readonly opts: LimiterOptions = DEFAULT_LIMITS,
    private readonly scope: LimitScope = 'login',
  ) {}

  // The e-mail enters a key only hashed: Redis keys are visible to whoever runs Redis.
  #accountKey(ip: string, email: string): string {
    return `${this.scope}:acct:${createHash('sha256').update(`${ip}\n${email}`).digest('base64url').slice(0, 22)}`;
  }

  #keys(ip: string, email: string): [string, number][] {
    return [
      [this.#accountKey(ip, email), this.opts.perAccount],
      [`${this.scope}:ip:${ip}`, this.opts.perIp],
    ];
  }

  /**
   * How long this IP must wait (for this e-mail, or at all) because it has used up its failures
   * in the window; 0 when it may try now.
   */
  async blockedForMs(ip: string, email: string): Promise<number> {
    const keys = this.#keys(ip, email);
    const windows = await Promise.all(keys.map(([key]) => this.store.peek(key)));
    return Math.max(0, ...windows.map((w, i) => (w.count >= keys[i]![1] ? w.resetInMs : 0)));
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    await Promise.all(this.#keys(ip, email).map(([key]) => this.store.hit(key, this.opts.windowMs)));
  }

  /** A correct password clears that account's count (the IP-wide count stays). */
  async recordSuccess(ip: string, email: string): Promise<void> {
    await this.store.clear(this.#accountKey(ip, email));
  }
}
