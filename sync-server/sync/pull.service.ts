/** Sync pull: a school's changes after a cursor, in bounded chunks, resumable from any cursor. */
import { sql } from 'kysely';
import type { Change, PullResponse } from '../../core/contracts/sync.ts';
import type { ServerContext } from '../context.ts';

/**
 * A page of stored changes, their data still the JSON text the push wrote: the changes numbered
 * after the cursor up to `cursor + limit`, and never past the school's own counter as read in the
 * same statement (one snapshot: every change up to it is committed and seen, so the cursor never
 * skips one that commits later). Bounded by number, not by LIMIT: PostgreSQL, with statistics
 * older than a large push, read every change after the cursor and sorted them for each page
 * (a bitmap scan and a top-N sort, 38–92 ms a page of 500 at cursors 14 500 and 500 of 30 000),
 * which made a fresh PC's pull from cursor 0 quadratic; a range of `limit` numbers reads at most
 * `limit` rows whatever plan is chosen. A school's changes are numbered without gaps
 * (changes.repository.ts); a gap would only make a page shorter.
 */
async function pullRows(ctx: ServerContext, schoolId: string, cursor: number, limit: number) {
  // The counter travels as one extra row (its entity null) rather than as a column of every row.
  const counter = ctx.db.selectFrom('schools').select('change_seq').where('id', '=', schoolId);
  const rows = await ctx.db
    .selectFrom('schools')
    .select([
      'change_seq as seq',
      sql<string | null>`null`.as('entity'),
      sql<string | null>`null`.as('key'),
      sql<string | null>`null`.as('data'),
    ])
    .where('id', '=', schoolId)
    .unionAll(
      ctx.db
        .selectFrom('changes')
        .select(['seq', 'entity', 'key', 'data'])
        .where('school_id', '=', schoolId)
        .where('seq', '>', cursor)
        .where('seq', '<=', cursor + limit)
        .where('seq', '<=', counter),
    )
    .orderBy('seq')
    .execute();
  const page: { seq: number; entity: string; key: string; data: string }[] = [];
  let last = cursor;
  for (const r of rows) {
    if (r.entity === null) last = r.seq;
    else page.push({ seq: r.seq, entity: r.entity, key: r.key!, data: r.data! });
  }
  const end = Math.max(cursor, Math.min(cursor + limit, last));
  return { page, cursor: end, hasMore: end < last };
}

export async function pullChanges(ctx: ServerContext, schoolId: string, cursor: number, limit: number) {
  const { page, ...rest } = await pullRows(ctx, schoolId, cursor, limit);
  const changes: Change[] = page.map((r) => ({
    seq: r.seq,
    entity: r.entity as Change['entity'],
    key: r.key,
    data: JSON.parse(r.data),
  }));
  return { changes, ...rest };
}

/**
 * The pull answer as JSON text (PullResponse), with each change's data spliced in as stored: the
 * server wrote it as JSON itself, so parsing and serialising it again per page (the bulk of a
 * pull's server time) would only reproduce the same bytes.
 */
export async function pullChangesJson(
  ctx: ServerContext,
  schoolId: string,
  cursor: number,
  limit: number,
  rest: Omit<PullResponse, 'changes' | 'cursor' | 'hasMore'>,
): Promise<string> {
  const p = await pullRows(ctx, schoolId, cursor, limit);
  const changes = p.page.map(
    (r) => `{"seq":${r.seq},"entity":${JSON.stringify(r.entity)},"key":${JSON.stringify(r.key)},"data":${r.data}}`,
  );
  const tail = JSON.stringify({ cursor: p.cursor, hasMore: p.hasMore, ...rest } satisfies Omit<
    PullResponse,
    'changes'
  >);
  return `{"changes":[${changes.join(',')}],${tail.slice(1)}`;
}
