/**
 * Opens the central store: embedded SQLite by default, PostgreSQL when a URL is given.
 * SQLite runs in WAL with synchronous=FULL, because the server acknowledges a mutation only
 * after a durable commit and the kiosk forgets what is acknowledged.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type SqliteStatement } from 'kysely';
import pg from 'pg';
import { centralMigrations } from '../../migrations/central/index.ts';
import type { CentralDB } from './schema.ts';

// int8 (bigint) comes back from pg as a string by default; our bigints are epoch ms and counters.
pg.types.setTypeParser(20, (v) => Number(v));

export type Dialect = 'sqlite' | 'postgres';

export interface CentralStore {
  db: Kysely<CentralDB>;
  dialect: Dialect;
  /** The PostgreSQL schema in use, when not the default. */
  pgSchema?: string;
  /** The raw SQLite handle, for the few places that need its synchronous API (backups, pragmas). */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… to use PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  pgSchema?: string;
  pgPoolSize?: number;
}

export function openCentralStore(opts: StoreOptions): CentralStore {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.pgPoolSize ?? 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // An idle client's error (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = new Kysely<CentralDB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      ...(opts.pgSchema ? { pgSchema: opts.pgSchema } : {}),
      close: () => db.destroy(),
    };
  }
  const path = opts.sqlitePath ?? ':memory:';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<CentralDB>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

/**
 * Marks a one-row statement whose parameters are a list of rows: the driver runs it once per row.
 * For SQLite, bulk writes this way beat one multi-row VALUES statement: a 500-row upsert of answers
 * took 2.5 ms as one statement and 1.1 ms row by row, and no call leaves native code between rows.
 */
export const EACH_ROW = '/* each row */ ';

/**
 * Kysely's SQLite driver prepares every statement anew; preparing a 500-row INSERT each batch
 * was a fifth of the ingest path. Reusing prepared statements by SQL text removes that, and is
 * safe because Kysely runs one query at a time on its single connection. A statement marked
 * EACH_ROW is given back wrapped, to run once per row.
 */
export function cachingStatements(sqlite: SQLite.Database, size = 256) {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      let stmt = cache.get(source);
      if (stmt) {
        cache.delete(source); // re-insert below: Map order is the LRU order
      } else {
        stmt = source.startsWith(EACH_ROW) ? eachRow(sqlite.prepare(source)) : sqlite.prepare(source);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(source, stmt);
      return stmt;
    },
  };
}

function eachRow(stmt: SQLite.Statement): SqliteStatement {
  if (stmt.reader) throw new Error('EACH_ROW is for writes');
  const readsNothing = () => {
    throw new Error('EACH_ROW statements return no rows');
  };
  return {
    reader: false,
    all: readsNothing,
    iterate: readsNothing,
    run(rows) {
      let changes = 0;
      let lastInsertRowid: number | bigint = 0;
      for (const row of rows as unknown[][]) {
        const r = stmt.run(row);
        changes += Number(r.changes);
        lastInsertRowid = r.lastInsertRowid;
      }
      return { changes, lastInsertRowid };
    },
  };
}

export async function migrateCentral(db: Kysely<CentralDB>, pgSchema?: string): Promise<void> {
  // Kysely looks for its bookkeeping tables across all schemas unless told which one is ours.
  const migrator = new Migrator({
    db,
    provider: centralMigrations,
    ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`central migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/**
 * Migrates a store opened from the configuration. On PostgreSQL the schema is the connection's
 * own (`DATABASE_URL`'s search_path, `public` by default): Kysely would otherwise look for its
 * bookkeeping across every schema of the database.
 */
export async function migrateOpenedStore(store: CentralStore): Promise<void> {
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s
      : undefined;
  await migrateCentral(store.db, schema);
}
