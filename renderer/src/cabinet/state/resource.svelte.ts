/** One thing loaded from the server: its data, whether it is loading, and the Russian error if it failed. */
import { untrack } from 'svelte';
import { errorText } from '../api/http.ts';

export class Resource<T> {
  #data = $state<T | null>(null);
  #error = $state<string | null>(null);
  #loading = $state(false);
  // A plain flag for the guard: views call load() from effects, and reading reactive state
  // there would make the effect re-run every time the load finishes.
  #inFlight = false;
  readonly #fetch: () => Promise<T>;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  get data(): T | null {
    return this.#data;
  }
  get error(): string | null {
    return this.#error;
  }
  get loading(): boolean {
    return this.#loading;
  }

  async load(): Promise<void> {
    if (this.#inFlight) return;
    this.#inFlight = true;
    this.#loading = true;
    try {
      this.#data = await this.#fetch();
      this.#error = null;
    } catch (error) {
      this.#error = errorText(error);
    } finally {
      this.#inFlight = false;
      this.#loading = false;
    }
  }

  /**
   * Asks again in the background, for a view already showing the data: a failure keeps what is
   * shown and says nothing (a Resource's error replaces the whole view, and with it what the
   * person typed or was just told). With nothing shown yet it is load(), error and all.
   */
  async refresh(): Promise<void> {
    // untrack: views call this from effects, which must not re-run each time the data arrives.
    if (untrack(() => this.#data) === null) return this.load();
    if (this.#inFlight) return;
    this.#inFlight = true;
    try {
      this.#data = await this.#fetch();
      this.#error = null;
    } catch {
      // The view still shows the last answer; the next visit asks again.
    } finally {
      this.#inFlight = false;
    }
  }

  set(data: T): void {
    this.#data = data;
  }
}
