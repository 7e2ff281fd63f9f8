/**
 * «Результаты» at the scale of a school of 2 000: the roster (students who applied one of the
 * school's codes in the active campaign, and the school's own students who registered and applied
 * none yet), filtered, counted, sorted and paged in the database.
 *
 * The roster is a UNION ALL of two indexed reads — from the school's tariffs through
 * activations_code, and from participants_school for those without an activation — each row with
 * its completed steps counted on the completions primary key. Filters and sorting run on that
 * result, which is at most the school's students.
 */
import { sql, type Expression } from 'kysely';
import type { ResultsQuery, ResultsSort, StudentStatus } from '../../core/contracts/results.ts';
import type { ServerContext } from '../context.ts';
import { caseVariants, likeEscape } from '../db/text-search.ts';

export interface RosterScope {
  schoolId: string;
  campaignId: string;
  /** The content pack's steps: a completion beyond them does not count. */
  stepCount: number;
}

export interface RosterRow {
  participantId: string;
  surname: string;
  name: string;
  schoolClass: string;
  schoolName: string;
  homeSchoolId: string;
  code: string | null;
  status: StudentStatus;
  stepsDone: number;
}

function roster(ctx: ServerContext, s: RosterScope) {
  // Counted on the completions primary key (participant_id, step), one probe per student
  // (cheaper than joining the steps and grouping them).
  const stepsDone = sql<number>`(select count(*) from completions c
    where c.participant_id = participants.id and c.step <= ${s.stepCount})`.as('steps_done');
  const withCode = ctx.db
    .selectFrom('tariffs')
    .innerJoin('activations', 'activations.code', 'tariffs.code')
    .innerJoin('participants', 'participants.id', 'activations.participant_id')
    .where('tariffs.school_id', '=', s.schoolId)
    .where('tariffs.campaign_id', '=', s.campaignId)
    .select([
      'participants.id as participant_id',
      'participants.surname',
      'participants.name',
      'participants.school_class',
      'participants.school_name',
      'participants.school_id as home_school_id',
      sql<string | null>`activations.code`.as('code'),
      sql<string | null>`activations.status`.as('activation_status'),
      stepsDone,
    ]);
  const withoutCode = ctx.db
    .selectFrom('participants')
    .where('participants.school_id', '=', s.schoolId)
    .where('participants.campaign_id', '=', s.campaignId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('activations')
            .whereRef('activations.participant_id', '=', 'participants.id')
            .select('activations.id'),
        ),
      ),
    )
    .select([
      'participants.id as participant_id',
      'participants.surname',
      'participants.name',
      'participants.school_class',
      'participants.school_name',
      'participants.school_id as home_school_id',
      sql<string | null>`null`.as('code'),
      sql<string | null>`null`.as('activation_status'),
      // Steps are taken under a code: with none applied, none count.
      sql<number>`0`.as('steps_done'),
    ]);
  const status = sql<StudentStatus>`case
    when r.activation_status is null then 'registered'
    when r.activation_status = 'refused' then 'refused'
    when r.activation_status <> 'confirmed' then 'waiting'
    when r.steps_done >= ${s.stepCount} then 'finished'
    when r.steps_done > 0 then 'in_progress'
    else 'activated' end`;
  return ctx.db
    .selectFrom(withCode.unionAll(withoutCode).as('r'))
    .select([
      'r.participant_id as participantId',
      'r.surname',
      'r.name',
      'r.school_class as schoolClass',
      'r.school_name as schoolName',
      'r.home_school_id as homeSchoolId',
      'r.code',
      status.as('status'),
      'r.steps_done as stepsDone',
    ]);
}

type Filter = Pick<ResultsQuery, 'q' | 'code' | 'schoolClass' | 'status'>;

/**
 * The roster as a materialized common table expression `f`: each student's steps are counted once
 * per request, however often the status, the filters and the order mention them (a subquery
 * would be flattened and count again for each mention).
 */
function fromRoster(ctx: ServerContext, s: RosterScope) {
  return ctx.db
    .with(
      (w) => w('f').materialized(),
      () => roster(ctx, s),
    )
    .selectFrom('f');
}

/** The roster with the filters applied. */
function filtered(ctx: ServerContext, s: RosterScope, f: Filter) {
  let q = fromRoster(ctx, s);
  if (f.q) {
    // Each word must match the surname or the name; SQLite folds only Latin letters, hence the variants.
    for (const word of f.q.split(/\s+/).filter(Boolean)) {
      const likes = caseVariants(word).map((v) => `%${likeEscape(v)}%`);
      q = q.where((eb) =>
        eb.or(
          likes.flatMap((like) => [
            eb(sql`f.surname`, 'like', sql`${like} escape '\\'`),
            eb(sql`f.name`, 'like', sql`${like} escape '\\'`),
          ]),
        ),
      );
    }
  }
  if (f.code) q = q.where('f.code', '=', f.code);
  if (f.schoolClass) q = q.where('f.schoolClass', '=', f.schoolClass);
  return f.status ? q.where('f.status', '=', f.status) : q;
}

const RANK = sql`case f.status when 'registered' then 0 when 'waiting' then 1 when 'refused' then 2
  when 'activated' then 3 when 'in_progress' then 4 else 5 end`;

/** Each sort ends on the name and the id, so paging never shows a student twice or skips one. */
function ordered(sort: ResultsSort): Expression<unknown>[] {
  const byName = [sql`f.surname`, sql`f.name`, sql`f."participantId"`];
  switch (sort) {
    // «9А» before «10А»: shorter class names first, then alphabetical.
    case 'class':
      return [sql`length(f."schoolClass")`, sql`f."schoolClass"`, ...byName];
    case 'steps':
      return [sql`f."stepsDone" desc`, ...byName];
    case 'status':
      return [RANK, ...byName];
    default:
      return byName;
  }
}

export async function rosterTotal(ctx: ServerContext, s: RosterScope, f: Filter): Promise<number> {
  const row = await filtered(ctx, s, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the filtered roster in order, with how many the filter keeps (0 rows past the end). */
export async function rosterPage(
  ctx: ServerContext,
  s: RosterScope,
  f: Filter & { sort: ResultsSort },
  offset: number,
  limit: number,
): Promise<{ rows: RosterRow[]; total: number }> {
  let q = filtered(ctx, s, f)
    .selectAll('f')
    .select(sql<number>`count(*) over ()`.as('total'));
  for (const o of ordered(f.sort)) q = q.orderBy(o);
  const found = await q.limit(limit).offset(offset).execute();
  // PostgreSQL returns count(*) as a string.
  const rows = found.map(({ total: _, ...r }) => ({ ...r, stepsDone: Number(r.stepsDone ?? 0) }) as RosterRow);
  return { rows, total: Number(found[0]?.total ?? 0) };
}

/** How many students are in each status, per class: the numbers at the top and the class filter, in one read. */
export async function rosterTally(
  ctx: ServerContext,
  s: RosterScope,
): Promise<{ schoolClass: string; status: StudentStatus; n: number }[]> {
  const rows = await filtered(ctx, s, {})
    .select(['f.schoolClass', 'f.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['f.schoolClass', 'f.status'])
    .execute();
  return rows.map((r) => ({ schoolClass: r.schoolClass, status: r.status, n: Number(r.n) }));
}

/** One student of the roster, only if they are on it; undefined for anyone else. */
export async function rosterEntry(
  ctx: ServerContext,
  s: RosterScope,
  participantId: string,
): Promise<RosterRow | undefined> {
  const row = await ctx.db
    .selectFrom(roster(ctx, s).as('f'))
    .selectAll('f')
    .where('f.participantId', '=', participantId)
    .executeTakeFirst();
  return row && ({ ...row, stepsDone: Number(row.stepsDone ?? 0) } as RosterRow);
}

/** The school's codes in the campaign, oldest first, for the code filter. */
export async function schoolCodes(
  ctx: ServerContext,
  s: Pick<RosterScope, 'schoolId' | 'campaignId'>,
): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('tariffs')
    .where('school_id', '=', s.schoolId)
    .where('campaign_id', '=', s.campaignId)
    .select('code')
    .orderBy('created_at')
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}
