/** Slows down password guessing on a shared PC: a few failures per e-mail, then a pause. */
const MAX_FAILURES = 8;
const WINDOW_MS = 5 * 60_000;

export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  #recent(email: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = (this.#failures.get(email) ?? []).filter((t) => t > since);
    if (list.length) this.#failures.set(email, list);
    else this.#failures.delete(email);
    return list;
  }

  allow(email: string): boolean {
    return this.#recent(email).length < MAX_FAILURES;
  }

  failed(email: string): void {
    this.#failures.set(email, [...this.#recent(email), this.now()]);
  }

  succeeded(email: string): void {
    this.#failures.delete(email);
  }
}
