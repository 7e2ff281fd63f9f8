/**
 * Migration 003 on a store that already holds a school's data: nothing is lost, answers and the
 * change feed become clustered by their keys, and the rare statuses have partial indexes that
 * the cabinet's queries actually use.
 */
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { centralMigrations } from '../../../migrations/central/index.ts';
import { migrateCentral, openCentralStore, type CentralStore } from '../../../sync-server/db/connect.ts';
import { rejectionsQuery } from '../../../sync-server/devices/devices.service.ts';
import { parkedQuery } from '../../../sync-server/sync/parked.ts';

describe('central store layout (SQLite)', () => {
  let store: CentralStore;
  afterEach(() => store.close());

  it('keeps every answer, change and mutation when upgrading from 002', async () => {
    store = openCentralStore({ sqlitePath: ':memory:' });
    const up = await new Migrator({ db: store.db, provider: centralMigrations }).migrateTo('002_certificates');
    expect(up.error).toBeUndefined();
    const db = store.sqlite!;
    db.exec(
      `insert into answers values ('p1', 1, 'q1', '"а"', 10), ('p1', 2, 'q2', '["b","c"]', 11), ('p2', 1, 'q1', '3', 12)`,
    );
    db.exec(`insert into changes values ('s1', 1, 'answer', 'p1:1:q1', '{}'), ('s1', 2, 'answer', 'p1:2:q2', '{}')`);
    db.exec(`insert into mutations (id, school_id, seq, name, hash, payload, status, participant_id, received_at)
             values ('m1', 's1', 1, 'answer.save', 'h', '{}', 'rejected', 'p1', 5), ('m2', 's1', 2, 'answer.save', 'h', '{}', 'parked', 'p9', 6)`);

    await migrateCentral(store.db);

    expect(db.prepare('select * from answers order by participant_id, step').all()).toEqual([
      { participant_id: 'p1', step: 1, item_id: 'q1', value: '"а"', updated_at: 10 },
      { participant_id: 'p1', step: 2, item_id: 'q2', value: '["b","c"]', updated_at: 11 },
      { participant_id: 'p2', step: 1, item_id: 'q1', value: '3', updated_at: 12 },
    ]);
    expect(db.prepare('select seq, key from changes order by seq').all()).toEqual([
      { seq: 1, key: 'p1:1:q1' },
      { seq: 2, key: 'p1:2:q2' },
    ]);
    expect(db.prepare('select count(*) as n from mutations').get()).toEqual({ n: 2 });
    for (const table of ['answers', 'changes']) {
      const { sql: ddl } = db.prepare('select sql from sqlite_master where name = ?').get(table) as { sql: string };
      expect(ddl.toLowerCase()).toContain('without rowid');
    }
    // The key still refuses a duplicate, and an upsert still lands on it.
    expect(() => db.exec(`insert into changes values ('s1', 2, 'answer', 'x', '{}')`)).toThrow(/UNIQUE/);
  });

  it('leaves the 002 layout intact when the upgrade fails midway, and upgrades on the next start', async () => {
    store = openCentralStore({ sqlitePath: ':memory:' });
    await new Migrator({ db: store.db, provider: centralMigrations }).migrateTo('002_certificates');
    const db = store.sqlite!;
    db.exec(`insert into answers values ('p1', 1, 'q1', '"а"', 10)`);
    // Something in the way of the rebuild, after the index changes have already run.
    db.exec('create table answers_next (x text)');
    await expect(migrateCentral(store.db)).rejects.toThrow(/003_ingest_layout/);
    const indexes = db.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'mutations'").all();
    expect(indexes).toContainEqual({ name: 'mutations_status' });
    db.exec('drop table answers_next');
    await migrateCentral(store.db);
    expect(db.prepare('select item_id, value from answers').all()).toEqual([{ item_id: 'q1', value: '"а"' }]);
  });

  it('answers the cabinet rejection list and the parked lookup from their partial indexes', async () => {
    store = openCentralStore({ sqlitePath: ':memory:' });
    await migrateCentral(store.db);
    const plan = async (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const c = q.compile();
      const rows = store.sqlite!.prepare(`explain query plan ${c.sql}`).all(...(c.parameters as unknown[]));
      return (rows as { detail: string }[]).map((r) => r.detail).join('; ');
    };
    expect(await plan(rejectionsQuery(store.db, 's1', 200))).toContain('mutations_rejected');
    const parked = parkedQuery(store.db, ['p1', 'p2']);
    expect(await plan(parked)).toContain('mutations_parked');
  });
});
