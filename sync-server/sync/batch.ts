/**
 * Multi-row writes for the hot ingest path, which must batch: one statement per row costs 3–4×.
 * SQLite takes a multi-row VALUES, its text built once per shape (and its prepared statement
 * cached by the driver wrapper in db/connect.ts).
 * PostgreSQL takes one `INSERT … SELECT FROM unnest(…)` per table with one array per column:
 * six parameters instead of thousands, so parsing and planning stay constant per batch.
 */
import { CompiledQuery, PostgresAdapter, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

// Both SQLite (32 766) and PostgreSQL (65 535) cap bound parameters per statement.
const MAX_PARAMS = 30_000;

type Db = Kysely<CentralDB> | Transaction<CentralDB>;

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
  rows: Insertable<CentralDB[T]>[],
  upsert?: Upsert,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  if (isPostgres(db)) {
    await insertUnnest(db, table, columns, rows as Record<string, unknown>[], upsert);
    return;
  }
  const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per) as Record<string, unknown>[];
    const params = chunk.flatMap((r) => columns.map((c) => r[c] ?? null));
    await db.executeQuery(CompiledQuery.raw(valuesSql(table, columns, chunk.length, upsert), params));
  }
}

const texts = new Map<string, string>();

/**
 * `insert into t (…) values (?, …), …` built as text once per shape and reused: building the
 * same 500-row statement through the query builder every batch cost more than writing it.
 */
function valuesSql(table: string, columns: string[], rowCount: number, upsert?: Upsert): string {
  const key = `${table}|${columns.join(',')}|${rowCount}|${upsert ? upsert.conflict.join(',') : ''}`;
  let text = texts.get(key);
  if (!text) {
    const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
    const row = `(${columns.map(() => '?').join(', ')})`;
    text = `insert into ${q(table)} (${columns.map(q).join(', ')}) values ${Array(rowCount).fill(row).join(', ')}`;
    if (upsert) {
      const set = upsert.update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ');
      text += ` on conflict (${upsert.conflict.map(q).join(', ')}) do update set ${set}`;
    }
    if (texts.size > 500) texts.clear();
    texts.set(key, text);
  }
  return text;
}

async function insertUnnest(
  db: Db,
  table: string,
  columns: string[],
  rows: Record<string, unknown>[],
  upsert?: Upsert,
) {
  const arrays = columns.map((c) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(pgType(c))}[]`);
  const onConflict = upsert
    ? sql` on conflict (${sql.join(upsert.conflict.map((c) => sql.ref(c)))}) do update set ${sql.join(
        upsert.update.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
      )}`
    : sql``;
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    select * from unnest(${sql.join(arrays)})${onConflict}`.execute(db);
}
