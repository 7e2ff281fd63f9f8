/** Sync pull: a school's changes after a cursor, in bounded chunks, resumable from any cursor. */
import type { Change, PullResponse } from '../../core/contracts/sync.ts';
import type { ServerContext } from '../context.ts';

/** A page of stored changes, their data still the JSON text the push wrote. */
async function pullRows(ctx: ServerContext, schoolId: string, cursor: number, limit: number) {
  const rows = await ctx.db
    .selectFrom('changes')
    .select(['seq', 'entity', 'key', 'data'])
    .where('school_id', '=', schoolId)
    .where('seq', '>', cursor)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  return { page, cursor: page.length ? page[page.length - 1]!.seq : cursor, hasMore };
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
