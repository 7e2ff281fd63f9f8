/** Queries compiled once and run with new arguments put every argument where it belongs. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKioskStore, type KioskStore } from '../../../electron/host/store/open.ts';
import { Prepared } from '../../../electron/host/store/prepared.ts';
import { tempDir } from '../../support/kiosk/core.ts';

describe('prepared kiosk queries', () => {
  let store: KioskStore;
  beforeEach(async () => {
    store = await openKioskStore(tempDir());
  });
  afterEach(() => store.close());

  it('maps repeated arguments and keeps constants', () => {
    const upsert = new Prepared(3, (q, id: string, code: string, slots: number) =>
      q
        .insertInto('leases')
        .values({ id, code, slots, used: 0, expires_at: 99 })
        .onConflict((oc) => oc.column('id').doUpdateSet({ code, slots })),
    );
    const byCode = new Prepared(1, (q, code: string) =>
      q.selectFrom('leases').select(['id', 'slots', 'used', 'expires_at']).where('code', '=', code).orderBy('id'),
    );
    upsert.run(store, 'l1', 'ABCDEFGH', 5);
    upsert.run(store, 'l2', 'ABCDEFGH', 7);
    upsert.run(store, 'l1', 'ABCDEFGH', 9);
    upsert.run(store, 'l3', 'ZZZZZZZZ', 1);
    expect(byCode.all(store, 'ABCDEFGH')).toEqual([
      { id: 'l1', slots: 9, used: 0, expires_at: 99 },
      { id: 'l2', slots: 7, used: 0, expires_at: 99 },
    ]);
    expect(byCode.first(store, 'nothing')).toBeUndefined();
  });
});
