/**
 * Kiosk migration 003 on a store that already holds a class's work: every answer and every unsent
 * outbox row survives, answers are one B-tree, and a lease's unsent activations are still found.
 */
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskMigrations } from '../../../migrations/kiosk/index.ts';
import { openKioskStore, STORE_FILE } from '../../../electron/host/store/open.ts';
import { tempDir } from '../../support/kiosk/core.ts';

describe('kiosk store layout', () => {
  it('keeps answers and the outbox when upgrading from 002', async () => {
    const dir = tempDir('kiosk-layout-');
    const old = new SQLite(join(dir, STORE_FILE));
    const q = new Kysely<unknown>({ dialect: new SqliteDialect({ database: old }) });
    const up = await new Migrator({ db: q, provider: kioskMigrations }).migrateTo('002_certificates');
    expect(up.error).toBeUndefined();
    old.exec(`insert into answers values ('p1', 1, 'q1', '"а"', 10), ('p1', 2, 'q2', '["b"]', 11)`);
    old.exec(`insert into outbox (id, name, args, at, participant_id, row_key, lease_id) values
      ('m1', 'answer.save', '{}', 1, 'p1', 'answer:p1:1:q1', null),
      ('m2', 'code.activate', '{}', 2, 'p1', 'activation:p1', 'lease-1')`);
    await q.destroy();

    const store = await openKioskStore(dir);
    try {
      const db = store.sqlite;
      expect(db.prepare('select participant_id, step, item_id, value from answers order by step').all()).toEqual([
        { participant_id: 'p1', step: 1, item_id: 'q1', value: '"а"' },
        { participant_id: 'p1', step: 2, item_id: 'q2', value: '["b"]' },
      ]);
      expect(db.prepare('select seq, id from outbox order by seq').all()).toEqual([
        { seq: 1, id: 'm1' },
        { seq: 2, id: 'm2' },
      ]);
      const { sql: ddl } = db.prepare("select sql from sqlite_master where name = 'answers'").get() as { sql: string };
      expect(ddl.toLowerCase()).toContain('without rowid');
      const plan = db.prepare('explain query plan select seq from outbox where lease_id = ? limit 1').all('lease-1');
      expect(JSON.stringify(plan)).toContain('outbox_lease');
      expect(db.prepare('select seq from outbox where lease_id = ?').all('lease-1')).toEqual([{ seq: 2 }]);
    } finally {
      store.close();
    }
  });
});
