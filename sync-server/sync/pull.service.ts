/** Sync pull: a school's changes after a cursor, in bounded chunks, resumable from any cursor. */
import type { Change } from '../../core/contracts/sync.ts';
import type { ServerContext } from '../context.ts';

export async function pullChanges(ctx: ServerContext, schoolId: string, cursor: number, limit: number) {
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
  const changes: Change[] = page.map((r) => ({
    seq: r.seq,
    entity: r.entity as Change['entity'],
    key: r.key,
    data: JSON.parse(r.data),
  }));
  return { changes, cursor: page.length ? page[page.length - 1]!.seq : cursor, hasMore };
}
