/**
 * Opens the kiosk store. Kysely builds and types the queries; better-sqlite3 runs them
 * synchronously (see KioskStore.run), so a write transaction is one uninterrupted JS call and
 * two requests can never interleave inside it. WAL with synchronous=FULL: what the screen calls
 * saved has been fsynced, so a power cut right after loses nothing.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Compilable } from 'kysely';
import { kioskMigrations } from '../../../migrations/kiosk/index.ts';
import type { KioskDB } from './schema.ts';

export const STORE_FILE = 'kiosk.sqlite';

export class KioskStore {
  readonly q: Kysely<KioskDB>;
  readonly #statements = new Map<string, SQLite.Statement>();
  /** Committed write transactions so far (the idle checkpointer watches it). */
  writes = 0;

  constructor(readonly sqlite: SQLite.Database) {
    this.q = new Kysely<KioskDB>({ dialect: new SqliteDialect({ database: sqlite }) });
  }

  #prepare(sql: string): SQLite.Statement {
    let st = this.#statements.get(sql);
    if (!st) {
      st = this.sqlite.prepare(sql);
      this.#statements.set(sql, st);
    }
    return st;
  }

  /**
   * A plain SQL statement, prepared once per store: for the few bulk statements Kysely cannot
   * express without a query per row or a new SQL text per list length (json_each lists).
   */
  statement(sql: string): SQLite.Statement {
    return this.#prepare(sql);
  }

  /** Rows of a Kysely query, executed synchronously. */
  all<R>(query: Compilable<R>): R[] {
    const c = query.compile();
    return this.#prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R>): R | undefined {
    const c = query.compile();
    const st = this.#prepare(c.sql);
    return (st.reader ? st.get(...(c.parameters as unknown[])) : undefined) as R | undefined;
  }

  /** A write; returns the changed row count and the last inserted rowid. */
  run(query: Compilable<unknown>): SQLite.RunResult {
    const c = query.compile();
    return this.#prepare(c.sql).run(...(c.parameters as unknown[]));
  }

  /** Runs `fn` in one IMMEDIATE transaction; a throw rolls everything back. */
  tx<T>(fn: () => T): T {
    const out = this.sqlite.transaction(fn).immediate();
    this.writes += 1;
    return out;
  }

  /**
   * Like tx, but the commit waits for no fsync: only for what the server can give again (its
   * acknowledgements, pulled chunks with their cursor). WAL keeps commits in order, so a power cut
   * can lose only the latest such commits, whole, never part of one (an acknowledged mutation is
   * then sent again and answered from the server's log; a chunk is pulled again); and the next
   * durable commit (a student's save) makes everything before it durable too.
   */
  txUnsynced<T>(fn: () => T): T {
    this.sqlite.pragma('synchronous = NORMAL');
    try {
      return this.tx(fn);
    } finally {
      this.sqlite.pragma('synchronous = FULL');
    }
  }

  close(): void {
    this.sqlite.close();
  }
}

export async function openKioskStore(dataDir: string): Promise<KioskStore> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(join(dataDir, STORE_FILE));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  // A student's data leaves the outbox once the centre has it; FAST zeroes the deleted bytes in
  // the page being rewritten anyway, so a PC's file holds no copies of what it no longer needs.
  sqlite.pragma('secure_delete = FAST');
  const store = new KioskStore(sqlite);
  const { error, results } = await new Migrator({ db: store.q, provider: kioskMigrations }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`kiosk migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  return store;
}
