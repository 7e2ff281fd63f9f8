/**
 * Participants this node has seen committed, per store. A participant never goes once registered
 * (but for a merged registration, forgotten here and mapped to the kept one before this is read)
 * and never changes school (a co-organizer may set a new password, which answers do not read), so
 * a batch of answers whose students are all here needs neither their rows from the database nor
 * the school lock that orders a load against parking: nothing is parked for a student who already
 * exists. Most pushes are such batches (a class answering). Only an answer batch is decided from
 * these rows; everything else loads them afresh. Bounded, oldest first out; a miss only means the
 * usual load.
 */
import type { ParticipantRow } from '../../core/mutations/rows.ts';

const LIMIT = 20_000;
const byStore = new WeakMap<object, Map<string, ParticipantRow>>();

/** Every one of these participants, or undefined when any is not known here. */
export function knownParticipants(store: object, ids: Iterable<string>): ParticipantRow[] | undefined {
  const cache = byStore.get(store);
  if (!cache) return undefined;
  const out: ParticipantRow[] = [];
  for (const id of ids) {
    const p = cache.get(id);
    if (!p) return undefined;
    out.push(p);
  }
  return out;
}

/** Call only after the transaction that read or wrote these rows has committed. */
export function rememberParticipants(store: object, rows: Iterable<ParticipantRow>): void {
  let cache = byStore.get(store);
  if (!cache) byStore.set(store, (cache = new Map()));
  for (const p of rows) {
    cache.delete(p.id);
    cache.set(p.id, p);
  }
  for (const id of cache.keys()) {
    if (cache.size <= LIMIT) break;
    cache.delete(id);
  }
}

/** Registrations merged into another one (issue 13): a retired participant is no longer known. */
/** Erased participants (privacy/erasure.service.ts): their next push loads, and is refused. */
export function forgetParticipants(store: object, ids: Iterable<string>): void {
  const cache = byStore.get(store);
  if (cache) for (const id of ids) cache.delete(id);
}
