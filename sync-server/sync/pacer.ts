/**
 * When a school's link returns, thirty kiosks push in the same second. The pacer lets a few
 * batches run at once and queues the rest; past a bounded queue it answers 503 with
 * Retry-After, and the kiosks' jittered back-off spreads them out instead of the node falling over.
 */
import { HttpError } from '../http/errors.ts';

export class Pacer {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxQueue: number,
  ) {}

  get queued(): number {
    return this.#waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#running >= this.concurrency) {
      if (this.#waiting.length >= this.maxQueue) throw HttpError.of(503, 'SERVER_BUSY');
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so #running only drops when nobody waits.
      if (next) next();
      else this.#running--;
    }
  }
}
