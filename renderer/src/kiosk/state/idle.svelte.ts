/**
 * Auto-logout: a student who walks away is signed out after the kiosk's inactivity limit, with a
 * warning during the last half minute. Any key, click, touch or scroll counts as activity.
 */
const WARN_MS = 30_000;
const EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

export class IdleWatcher {
  #lastActivity = $state(Date.now());
  #now = $state(Date.now());
  #limitMs = $state(10 * 60_000);
  #timer: ReturnType<typeof setInterval> | undefined;
  #onTimeout: () => void = () => {};
  readonly #touch = () => {
    this.#lastActivity = Date.now();
    this.#now = this.#lastActivity;
  };

  readonly remainingMs = $derived(Math.max(0, this.#lastActivity + this.#limitMs - this.#now));
  readonly warning = $derived(this.remainingMs <= WARN_MS);
  readonly remainingSeconds = $derived(Math.ceil(this.remainingMs / 1000));

  start(limitMinutes: number, onTimeout: () => void): void {
    this.stop();
    this.#limitMs = limitMinutes * 60_000;
    this.#onTimeout = onTimeout;
    this.#touch();
    for (const e of EVENTS) window.addEventListener(e, this.#touch, { capture: true, passive: true });
    this.#timer = setInterval(() => this.#tick(), 1000);
  }

  setLimit(limitMinutes: number): void {
    this.#limitMs = limitMinutes * 60_000;
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    for (const e of EVENTS) window.removeEventListener(e, this.#touch, { capture: true });
  }

  /** «Я здесь». */
  stay(): void {
    this.#touch();
  }

  #tick(): void {
    this.#now = Date.now();
    if (this.remainingMs > 0) return;
    this.stop();
    this.#onTimeout();
  }
}
