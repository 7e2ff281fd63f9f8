/**
 * Server-corrected time. School PCs' clocks are often wrong by minutes or days; every `at` and
 * every campaign date rule on the kiosk uses this clock. The offset comes from each sync
 * response's serverTime, corrected by half the round trip, and survives restarts in the store.
 */
export interface Clock {
  /** Server-corrected epoch milliseconds. */
  now(): number;
  offsetMs(): number;
}

export class CorrectedClock implements Clock {
  #offset: number;

  constructor(
    initialOffsetMs = 0,
    private readonly deviceNow: () => number = Date.now,
  ) {
    this.#offset = initialOffsetMs;
  }

  now(): number {
    return this.deviceNow() + this.#offset;
  }

  offsetMs(): number {
    return this.#offset;
  }

  /** The device time right now, for timing a request. */
  deviceTime(): number {
    return this.deviceNow();
  }

  /** Learns from a response: serverTime was read about halfway between sent and received. */
  observe(serverTime: number, sentAt: number, receivedAt: number): number {
    const rtt = Math.max(0, receivedAt - sentAt);
    this.#offset = Math.round(serverTime + rtt / 2 - receivedAt);
    return this.#offset;
  }
}
