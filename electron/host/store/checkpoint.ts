/**
 * WAL checkpoints off the student's path. SQLite's automatic checkpoint runs inside whichever
 * commit crosses the threshold, so one answer in a few hundred would wait for megabytes to be
 * copied and fsynced. Instead the kiosk checkpoints when nobody has saved for a moment, and keeps
 * a high automatic threshold only as a safety net for a store that is never quiet.
 */
import type { KioskStore } from './open.ts';

export interface CheckpointOptions {
  intervalMs?: number;
  /** How long without a write counts as quiet. */
  quietMs?: number;
  /** Pages in the WAL before SQLite checkpoints by itself regardless (4 KB each). */
  safetyPages?: number;
}

export function startIdleCheckpoints(store: KioskStore, o: CheckpointOptions = {}): () => void {
  store.sqlite.pragma(`wal_autocheckpoint = ${o.safetyPages ?? 10_000}`);
  let seen = store.writes;
  let quietSince = performance.now();
  let dirty = false;
  const timer = setInterval(() => {
    const now = performance.now();
    if (store.writes !== seen) {
      seen = store.writes;
      quietSince = now;
      dirty = true;
      return;
    }
    if (!dirty || now - quietSince < (o.quietMs ?? 1_000)) return;
    // PASSIVE never waits for a reader or a writer; what it cannot copy now waits for next time.
    store.sqlite.pragma('wal_checkpoint(PASSIVE)');
    dirty = false;
  }, o.intervalMs ?? 2_000);
  timer.unref();
  return () => clearInterval(timer);
}
