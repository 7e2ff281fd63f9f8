/**
 * Multi-row writes for the hot ingest path, which must batch: one statement per row costs 3–4×.
 * SQLite takes a multi-row VALUES (its prepared statement is cached by the driver wrapper).
 * PostgreSQL takes one `INSERT … SELECT FROM unnest(…)` per table with one array per column:
 * six parameters instead of thousands, so parsing and planning stay constant per batch.
 */
import { PostgresAdapter, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
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
    // Kysely cannot relate a generic table name to its row type; the signature above does.
    const values = rows.slice(i, i + per) as Parameters<ReturnType<typeof db.insertInto<T>>['values']>[0];
    let q = db.insertInto(table).values(values);
    if (upsert) {
      q = q.onConflict((oc) =>
        oc.columns(upsert.conflict as never).doUpdateSet(
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          Object.fromEntries(upsert.update.map((c) => [c, (eb: any) => eb.ref(`excluded.${c}`)])) as never,
        ),
      );
    }
    await q.execute();
  }
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
