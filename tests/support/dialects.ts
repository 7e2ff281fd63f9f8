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
  const schema = `t_${randomUUID().replace(/-/g, '')}`;
  // Kysely's migrator looks across every schema's catalog, and that look fails when another test
  // drops its schema at the same moment; one advisory lock keeps migrations and drops apart.
  const store = await underSchemaLock(async (admin) => {
    await admin.query(`create schema ${schema}`);
    const s = openCentralStore({ databaseUrl: PG_URL, pgSchema: schema });
    await migrateCentral(s.db, schema);
    return s;
  });
  const close = store.close;
  return {
    ...store,
    close: async () => {
      await close();
      await underSchemaLock((admin) => admin.query(`drop schema ${schema} cascade`));
    },
  };
}

const SCHEMA_LOCK = 7_246_001;

export async function underSchemaLock<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await fn(admin);
  } finally {
    await admin.end(); // ending the session releases the lock
  }
}
