/**
 * Every store test runs once per dialect from this one list (Kysely's own habit). PostgreSQL runs
 * whenever it is reachable; CI sets REQUIRE_POSTGRES=1 so a missing PostgreSQL fails there
 * instead of silently shrinking the suite.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrateCentral, openCentralStore, type CentralStore, type Dialect } from '../../sync-server/db/connect.ts';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const pgUp = await postgresReachable();
if (!pgUp && process.env.REQUIRE_POSTGRES === '1') {
  throw new Error(`PostgreSQL is required (REQUIRE_POSTGRES=1) but ${PG_URL} is unreachable`);
}
if (!pgUp) console.warn(`[tests] PostgreSQL at ${PG_URL} unreachable: running SQLite only`);

export const DIALECTS: Dialect[] = pgUp ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, migrated central store: in-memory SQLite, or a new PostgreSQL schema dropped on close. */
export async function freshStore(dialect: Dialect, opts: { sqlitePath?: string } = {}): Promise<CentralStore> {
  if (dialect === 'sqlite') {
    const store = openCentralStore({ sqlitePath: opts.sqlitePath ?? ':memory:' });
    await migrateCentral(store.db);
    return store;
  }
  // Random, not pid + time: test workers may share a pid and start in the same millisecond.
  const schema = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = openCentralStore({ databaseUrl: PG_URL, pgSchema: schema });
  await migrateCentral(store.db, schema);
  const close = store.close;
  return {
    ...store,
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
