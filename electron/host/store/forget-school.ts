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

/** Deletes the school's rows; run inside the transaction that stores the new enrolment. */
export function forgetSchool(store: KioskStore): void {
  for (const table of SCHOOL_TABLES) store.run(store.q.deleteFrom(table));
}
