/** Multi-row writes: the hot ingest path batches, since one statement per row costs 3–4×. */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

// Both SQLite (32 766) and PostgreSQL (65 535) cap bound parameters per statement.
const MAX_PARAMS = 30_000;

export async function insertChunked<T extends keyof CentralDB & string>(
  db: Kysely<CentralDB> | Transaction<CentralDB>,
  table: T,
  rows: Insertable<CentralDB[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) {
    // Kysely cannot relate a generic table name to its row type; the signature above does.
    const values = rows.slice(i, i + per) as Parameters<ReturnType<typeof db.insertInto<T>>['values']>[0];
    await db.insertInto(table).values(values).execute();
  }
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
