/**
 * Bulk writes for the hot ingest path, which must batch: one query per row through the query
 * builder costs 3–4×. SQLite takes one prepared one-row statement that the driver wrapper runs
 * per row in native code (db/connect.ts EACH_ROW), its text built once per shape.
 * PostgreSQL takes one `INSERT … SELECT FROM json_to_recordset($1)` per table: one parameter
 * (or a few pieces, see pgRecords) instead of thousands, so parsing and planning stay constant per
 * batch, and the rows travel as JSON text that V8 writes natively (node-pg escaped array literals
 * in JS at twice the cost).
 * A column holding JSON (an answer, a change) is given as `new JsonText(value)` and stored as its
 * text. It travels to PostgreSQL as a string inside the rows' JSON, not nested: PostgreSQL's JSON
 * reader refuses `\u0000` and lone surrogates that JSON.stringify may write, and one such answer
 * would fail the whole batch.
 */
import {
  CompiledQuery,
  PostgresAdapter,
  sql,
  type Expression,
  type Insertable,
  type Kysely,
  type Transaction,
} from 'kysely';
import { EACH_ROW } from '../db/connect.ts';
import type { CentralDB } from '../db/schema.ts';

type Db = Kysely<CentralDB> | Transaction<CentralDB>;

/** A value stored as its JSON text; both stores keep exactly `JSON.stringify(value)`. */
export class JsonText {
  constructor(readonly value: unknown) {}
  text(): string {
    return JSON.stringify(this.value);
  }
  /** Inside the rows' JSON (PostgreSQL), the text as a string. */
  toJSON(): string {
    return this.text();
  }
}

/** A row for the bulk writers: any text column may be given as JsonText, in every row alike. */
export type BulkRow<R> = { [K in keyof R]: R[K] | (string extends R[K] ? JsonText : never) };

export interface Upsert {
  conflict: readonly string[];
  update: readonly string[];
}

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The PostgreSQL element type of a column in the bulk-written tables: times (`*_at`) and
 * sequence numbers are bigint, step numbers integer, everything else text (ids, JSON, codes).
 */
function pgType(column: string): string {
  if (column.endsWith('_at') || column === 'seq') return 'int8';
  if (column === 'step') return 'int4';
  return 'text';
}

export async function insertChunked<T extends keyof CentralDB & string>(
  db: Db,
  table: T,
  rows: BulkRow<Insertable<CentralDB[T]>>[],
  upsert?: Upsert,
): Promise<void> {
  if (rows.length === 0) return;
  const first = rows[0] as Record<string, unknown>;
  const columns = Object.keys(first);
  if (isPostgres(db)) {
    const statement = insertJson(table, columns, rows, upsert);
    if (isGathering(db)) gatherPart(db, statement);
    else await statement.execute(db);
    return;
  }
  // One statement run row by row in native code (db/connect.ts EACH_ROW): faster on SQLite than
  // a multi-row VALUES, and no cap on bound parameters applies.
  const params: unknown[][] = new Array(rows.length);
  let k = 0;
  for (const r of rows as Record<string, unknown>[]) {
    // A plain loop: flatMap with a closure per cell was a tenth of the SQLite ingest path.
    const row: unknown[] = new Array(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const v = r[columns[i]!];
      row[i] = v instanceof JsonText ? v.text() : (v ?? null);
    }
    params[k++] = row;
  }
  await db.executeQuery(CompiledQuery.raw(rowSql(table, columns, upsert), params));
}

const texts = new Map<string, string>();

/** `insert into t (…) values (?, …)`, built as text once per shape and reused. */
function rowSql(table: string, columns: string[], upsert?: Upsert): string {
  const key = `${table}|${columns.join(',')}|${upsert ? upsert.conflict.join(',') : ''}`;
  let text = texts.get(key);
  if (!text) {
    const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
    text = `${EACH_ROW}insert into ${q(table)} (${columns.map(q).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
    if (upsert) {
      const set = upsert.update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ');
      text += ` on conflict (${upsert.conflict.map(q).join(', ')}) do update set ${set}`;
    }
    if (texts.size > 500) texts.clear();
    texts.set(key, text);
  }
  return text;
}

function insertJson(table: string, columns: string[], rows: unknown[], upsert?: Upsert) {
  const refs = sql.join(columns.map((c) => sql.ref(c)));
  const shape = sql.join(columns.map((c) => sql`${sql.ref(c)} ${sql.raw(pgType(c))}`));
  const source = pgRecords(rows, shape);
  const onConflict = upsert
    ? sql` on conflict (${sql.join(upsert.conflict.map((c) => sql.ref(c)))}) do update set ${sql.join(
        upsert.update.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
      )}`
    : sql``;
  return sql`insert into ${sql.table(table)} (${refs})
    select ${refs} from ${source}${onConflict}`;
}

/**
 * Rows are sent in pieces of at most this many characters of JSON. PostgreSQL 15 read one 300 KB
 * json parameter (a batch's 500 log rows) 10–25 times slower than the same rows in pieces of
 * under 200 KB (EXPLAIN ANALYZE, best of five: 13–35 ms against 1.4 ms); below that size the time
 * per row is flat, so a small piece costs nothing.
 */
const PIECE_CHARS = 64 * 1024;

/**
 * `json_to_recordset($1) as r(shape)`, or, for more rows than fit one piece, the pieces' record
 * sets joined by `union all` (same rows, same order within a piece).
 */
export function pgRecords(rows: readonly unknown[], shape: Expression<unknown>) {
  const pieces: string[] = [];
  let piece: string[] = [];
  let size = 0;
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (size + text.length > PIECE_CHARS && piece.length) {
      pieces.push(`[${piece.join(',')}]`);
      piece = [];
      size = 0;
    }
    piece.push(text);
    size += text.length + 1;
  }
  pieces.push(`[${piece.join(',')}]`);
  if (pieces.length === 1) return sql`json_to_recordset(${pieces[0]}::json) as r(${shape})`;
  const sets = pieces.map((p) => sql`select * from json_to_recordset(${p}::json) as r(${shape})`);
  return sql`(${sql.join(sets, sql` union all `)}) as r`;
}

/**
 * On PostgreSQL the writes of one push travel as one statement: between gatherWrites(trx) and
 * flushWrites(trx), bulk inserts and the parts added with gatherPart become the parts of one
 * WITH statement, a round trip each spared. The parts run on one snapshot and cannot see each
 * other's rows, so only writes that read nothing another part writes may be gathered (a part may
 * read an earlier part by its name, as the change feed reads its cursor bump). SQLite, with no
 * round trips to spare, runs every write at once as before.
 */
const gathered = new WeakMap<object, { name: string; body: Expression<unknown> }[]>();

export function gatherWrites(db: Db): void {
  if (isPostgres(db)) gathered.set(db, []);
}

export function isGathering(db: Db): boolean {
  return gathered.has(db);
}

/** Adds a part to the statement being gathered and returns its name, for later parts to read. */
export function gatherPart(db: Db, body: Expression<unknown>): string {
  const parts = gathered.get(db);
  if (!parts) throw new Error('gatherPart outside gatherWrites');
  const name = `w${parts.length}`;
  parts.push({ name, body });
  return name;
}

export async function flushWrites(db: Db): Promise<void> {
  const parts = gathered.get(db);
  gathered.delete(db);
  if (!parts?.length) return;
  const ctes = sql.join(parts.map((p) => sql`${sql.raw(p.name)} as (${p.body})`));
  await sql`with ${ctes} select 1`.execute(db);
}
