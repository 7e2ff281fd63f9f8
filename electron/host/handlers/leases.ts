/** Picks the lease an offline activation draws its slot from. */
import type { KioskStore } from '../store/open.ts';

/** The unexpired lease of `code` with a free slot that expires first (use it before it lapses). */
export function usableLease(store: KioskStore, code: string, now: number): string | undefined {
  const row = store.first(
    store.q
      .selectFrom('leases')
      .select('id')
      .where('code', '=', code)
      .where('expires_at', '>', now)
      .whereRef('used', '<', 'slots')
      .orderBy('expires_at')
      .limit(1),
  );
  return row?.id;
}
