/** The sync facts a kiosk reports about itself (DeviceHealth) besides its outbox and last error. */
import type { CorrectedClock } from '../clock.ts';
import { getMeta } from '../store/meta.ts';
import type { KioskStore } from '../store/open.ts';

export function syncedAt(store: KioskStore, clock: CorrectedClock) {
  return { lastSyncAt: getMeta(store, 'lastSyncAt') ?? null, clockOffsetMs: Math.round(clock.offsetMs()) };
}
