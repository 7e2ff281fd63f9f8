/**
 * Failed-login counting, so a password cannot be guessed by trying. Kept in process memory: a
 * node forgets it on restart and several nodes each count separately, which still caps guessing
 * at a few attempts per window per node; a shared store (Redis) can replace it when that matters.
 */
export interface LimiterOptions {
  /** Failures per IP + e-mail before refusing. */
  perAccount: number;
  /** Failures per IP over all e-mails, against spraying one password over many accounts. */
  perIp: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: LimiterOptions = { perAccount: 5, perIp: 50, windowMs: 15 * 60_000 };

interface Window {
  failures: number;
  resetAt: number;
}

export class LoginLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number,
    private readonly opts: LimiterOptions = DEFAULT_LIMITS,
  ) {}

  #keys(ip: string, email: string): [string, number][] {
    return [
      [`a|${ip}|${email}`, this.opts.perAccount],
      [`i|${ip}`, this.opts.perIp],
    ];
  }

  #live(key: string): Window | undefined {
    const w = this.#windows.get(key);
    if (w && w.resetAt <= this.now()) {
      this.#windows.delete(key);
      return undefined;
    }
    return w;
  }

  /** True when this IP (for this e-mail, or at all) has used up its failures in the window. */
  isBlocked(ip: string, email: string): boolean {
    return this.#keys(ip, email).some(([key, max]) => (this.#live(key)?.failures ?? 0) >= max);
  }

  recordFailure(ip: string, email: string): void {
    this.#prune();
    for (const [key] of this.#keys(ip, email)) {
      const w = this.#live(key) ?? { failures: 0, resetAt: this.now() + this.opts.windowMs };
      w.failures += 1;
      this.#windows.set(key, w);
    }
  }

  /** A correct password clears that account's count (the IP-wide count stays). */
  recordSuccess(ip: string, email: string): void {
    this.#windows.delete(this.#keys(ip, email)[0]![0]);
  }

  // Bounds memory under a flood of distinct keys: drop expired windows now and then.
  #prune(): void {
    if (this.#windows.size < 10_000) return;
    const now = this.now();
    for (const [key, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(key);
  }
}
