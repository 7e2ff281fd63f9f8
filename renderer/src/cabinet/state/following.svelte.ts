/**
 * A resource kept current while a screen shows it: asked again on each live event of the school
 * (socket.io), on the channel's return, and every half minute (ages and idle marks move without
 * any event). Events that come while an answer is on its way make one more ask after it, so the
 * last answer saved is never missed.
 */
import type { ServerToClientEvents } from '../../../../core/contracts/socket.ts';
import { listenLive } from '../../lib/live.ts';
import type { Resource } from './resource.svelte.ts';

const AGAIN_EVERY_MS = 30_000;

export class Following<T> {
  /** null until the channel first answers; then whether it is up. */
  #linked = $state<boolean | null>(null);
  #asking = false;
  #again = false;
  readonly #resource: Resource<T>;

  constructor(resource: Resource<T>) {
    this.#resource = resource;
  }

  get linked(): boolean | null {
    return this.#linked;
  }

  /** Starts following `event`; returns how to stop (an $effect's cleanup). */
  follow(event: keyof ServerToClientEvents): () => void {
    void this.#resource.load();
    const stop = listenLive('cabinet', event, () => void this.#ask(), {
      onLink: (up) => {
        // Back after a break: what moved meanwhile was not heard.
        if (up && this.#linked === false) void this.#ask();
        this.#linked = up;
      },
    });
    const timer = setInterval(() => void this.#ask(), AGAIN_EVERY_MS);
    return () => {
      stop();
      clearInterval(timer);
    };
  }

  async #ask(): Promise<void> {
    if (this.#asking) {
      this.#again = true;
      return;
    }
    this.#asking = true;
    try {
      do {
        this.#again = false;
        await this.#resource.refresh();
      } while (this.#again);
    } finally {
      this.#asking = false;
    }
  }
}
