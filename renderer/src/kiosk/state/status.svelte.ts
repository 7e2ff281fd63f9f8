/**
 * The device's status, polled every few seconds: enrolment, sync health (online, waiting
 * changes, last sync) and the auto-logout setting. It holds no student data.
 */
import type { KioskStatus } from '../../../../core/contracts/kiosk.ts';
import { kiosk } from '../../lib/bridge/bridge.ts';

export class StatusManager {
  #status = $state<KioskStatus | null>(null);
  #hostDown = $state(false);
  #timer: ReturnType<typeof setInterval> | undefined;

  readonly enrolled = $derived(this.#status?.enrolled ?? false);
  readonly online = $derived(!this.#hostDown && (this.#status?.sync.online ?? false));
  readonly pending = $derived(this.#status?.sync.pending ?? 0);
  readonly lastSyncAt = $derived(this.#status?.sync.lastSyncAt ?? null);
  readonly autoLogoutMinutes = $derived(this.#status?.autoLogoutMinutes ?? 10);

  get status(): KioskStatus | null {
    return this.#status;
  }

  get hostDown(): boolean {
    return this.#hostDown;
  }

  set(status: KioskStatus): void {
    this.#status = status;
    this.#hostDown = false;
  }

  async refresh(): Promise<KioskStatus | null> {
    try {
      this.set(await kiosk.invoke('status', {}));
    } catch {
      this.#hostDown = true;
    }
    return this.#status;
  }

  start(intervalMs = 3000): void {
    this.stop();
    this.#timer = setInterval(() => void this.refresh(), intervalMs);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
