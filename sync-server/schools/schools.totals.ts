/** The organizer's list of schools with what each obtained in the active campaign. */
import { sql } from 'kysely';
import type { SchoolSummary, SchoolsQuery } from '../../core/contracts/organizer.ts';
import { WEB_SCHOOL_ID } from '../../core/web.ts';
import type { ServerContext } from '../context.ts';

export async function listSchoolsWithTotals(
  ctx: ServerContext,
  campaignId: string | null,
  q: SchoolsQuery,
): Promise<{ schools: SchoolSummary[]; total: number }> {
  // The web participants' row (core/web.ts) is no school: its individual tariffs are counted apart.
  let base = ctx.db.selectFrom('schools').where('schools.id', '!=', WEB_SCHOOL_ID);
  if (q.region) base = base.where('schools.region', '=', q.region);
  const rows = await base
    .leftJoin('tariffs', (j) =>
      j.onRef('tariffs.school_id', '=', 'schools.id').on('tariffs.campaign_id', '=', campaignId ?? ''),
    )
    .select((eb) => [
      'schools.id',
      'schools.region',
      'schools.locality',
      'schools.name',
      eb.fn.count<number>('tariffs.id').as('tariffs'),
      eb.fn.coalesce(eb.fn.sum<number>('tariffs.participants'), sql<number>`0`).as('participants'),
      eb.fn.coalesce(eb.fn.sum<number>('tariffs.used'), sql<number>`0`).as('used'),
    ])
    .groupBy(['schools.id', 'schools.region', 'schools.locality', 'schools.name'])
    .orderBy('schools.region')
    .orderBy('schools.locality')
    .orderBy('schools.name')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return {
    // PostgreSQL returns count/sum as strings (bigint/numeric); SQLite as numbers.
    schools: rows.map((r) => ({
      ...r,
      tariffs: Number(r.tariffs),
      participants: Number(r.participants),
      used: Number(r.used),
    })),
    total: Number(count.n),
  };
}
