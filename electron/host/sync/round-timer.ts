/**
 * When the next sync round is due. A request for a round moves it earlier, never later, so a
 * stream of saves (each asking for a round in a second) cannot starve the loop.
 */
export class RoundTimer {
  #timer: NodeJS.Timeout | undefined;
  #dueAt = Infinity;

  constructor(private readonly run: () => void) {}

  /** Due in `delayMs`, unless already due sooner. */
  schedule(delayMs: number): void {
    const due = performance.now() + delayMs;
    if (this.#timer && due >= this.#dueAt) return;
    this.clear();
    this.#dueAt = due;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#dueAt = Infinity;
      this.run();
    }, delayMs);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dueAt = Infinity;
  }
}
