/**
 * A pulled merge (issue 13): the co-organizer joined two registrations of one student, and the
 * server sends the kept one's rows beside this change. The retired registration's rows go; its
 * unsent mutations stay in the outbox, and the server decides them for the kept registration.
 */
import { sql } from 'kysely';
import { getMeta, setMeta } from './meta.ts';
import type { KioskStore } from './open.ts';

const PER_STUDENT = ['participants', 'activations', 'answers', 'completions', 'certificates', 'notices'] as const;

export function applyMerge(store: KioskStore, merge: { retiredId: string; keptId: string }): void {
  const { retiredId, keptId } = merge;
  for (const table of PER_STUDENT) {
    const column = table === 'participants' ? 'id' : 'participant_id';
    store.run(store.q.deleteFrom(table).where(column, '=', retiredId));
  }
  // Held-back server rows of the retired registration: every row key names the student after «kind:».
  store.run(
    store.q
      .deleteFrom('deferred_changes')
      .where((eb) =>
        eb.or([
          eb('row_key', 'like', sql<string>`${'%:' + retiredId}`),
          eb('row_key', 'like', sql<string>`${'%:' + retiredId + ':%'}`),
        ]),
      ),
  );
  setMeta(store, 'merged', { ...(getMeta(store, 'merged') ?? {}), [retiredId]: keptId });
}

/** The registration a retired id was merged into, if any (followed through several merges). */
export function keptRegistration(store: KioskStore, participantId: string): string | undefined {
  const merged = getMeta(store, 'merged') ?? {};
  let id = merged[participantId];
  for (let hops = 0; id && merged[id] && hops < 10; hops++) id = merged[id];
  return id;
}
