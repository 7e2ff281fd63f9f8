/**
 * A kiosk moved to another school forgets the one it served: its students' names, password hashes
 * and answers must not stay on a PC handed to strangers, nor let them sign in there. Called only
 * with an empty outbox, so everything removed is already at the centre.
 */
import type { KioskStore } from './open.ts';

const SCHOOL_TABLES = [
  'participants',
  'activations',
  'answers',
  'completions',
  'certificates',
  // The old school's codes and this device's leases of them.
  'codes',
  'leases',
  'deferred_changes',
  'notices',
] as const;

/**
 * Deletes the school's rows; run inside the transaction that stores the new enrolment. Deleted
 * content would otherwise stay readable in the file's free pages: secure_delete = ON zeroes freed
 * pages too (the store's FAST only zeroes bytes where that costs no extra write), and
 * wipeJournal() then empties the WAL's older copies of those pages.
 */
export function forgetSchool(store: KioskStore): void {
  store.sqlite.pragma('secure_delete = ON');
  try {
    for (const table of SCHOOL_TABLES) store.run(store.q.deleteFrom(table));
  } finally {
    store.sqlite.pragma('secure_delete = FAST');
  }
}

/** After forgetSchool has committed: copies the zeroed pages home and truncates the WAL. */
export function wipeJournal(store: KioskStore): void {
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
