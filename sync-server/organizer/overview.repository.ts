/**
 * The campaign's numbers, counted in the database and grouped by region (the country's view) or
 * by school (a region's, or one school's). Every count starts from the schools a scope names and
 * joins by indexed columns (migration 006_issue14_dashboard).
 */
import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

/** The country by region; a region by school; one school; a batch of schools (by school). */
export type Scope =
  | { kind: 'country' }
  | { kind: 'region'; region: string }
  | { kind: 'school'; schoolId: string }
  | { kind: 'schools'; ids: readonly string[] };

type Db = Kysely<CentralDB>;
type Counted = { key: string; n: number | string | null };

const keyOf = (scope: Scope) =>
  scope.kind === 'country' ? sql.ref<string>('schools.region') : sql.ref<string>('schools.id');

/** The scope's schools, as a condition on the joined `schools` table. */
function inScope(scope: Scope) {
  if (scope.kind === 'region') return sql<SqlBool>`schools.region = ${scope.region}`;
  if (scope.kind === 'school') return sql<SqlBool>`schools.id = ${scope.schoolId}`;
  if (scope.kind === 'schools') return sql<SqlBool>`schools.id in (${sql.join(scope.ids)})`;
  return sql<SqlBool>`1 = 1`;
}

/** PostgreSQL returns count and sum as strings (bigint/numeric), SQLite as numbers. */
const toMap = (rows: Counted[]) => new Map(rows.map((r) => [r.key, Number(r.n ?? 0)]));

export async function schoolsBy(db: Db, scope: Scope) {
  const rows = await db
    .selectFrom('schools')
    .where(inScope(scope))
    .select((eb) => [keyOf(scope).as('key'), eb.fn.countAll<number>().as('n')])
    .groupBy(keyOf(scope))
    .execute();
  return toMap(rows);
}

/** The schools of a region (or the one school) with their names, for a region's rows. */
export async function listSchools(db: Db, scope: Scope) {
  return db
    .selectFrom('schools')
    .where(inScope(scope))
    .select(['schools.id', 'schools.region', 'schools.locality', 'schools.name'])
    .orderBy('schools.locality')
    .orderBy('schools.name')
    .execute();
}

export async function coorganizersBy(db: Db, scope: Scope) {
  const rows = await db
    .selectFrom('users')
    .innerJoin('schools', 'schools.id', 'users.school_id')
    .where('users.role', '=', 'coorganizer')
    .where(inScope(scope))
    .select((eb) => [keyOf(scope).as('key'), eb.fn.countAll<number>().as('n')])
    .groupBy(keyOf(scope))
    .execute();
  return toMap(rows);
}

export async function tariffsBy(db: Db, scope: Scope, campaignId: string) {
  const rows = await db
    .selectFrom('tariffs')
    .innerJoin('schools', 'schools.id', 'tariffs.school_id')
    .where('tariffs.campaign_id', '=', campaignId)
    .where(inScope(scope))
    .select((eb) => [
      keyOf(scope).as('key'),
      eb.fn.countAll<number>().as('tariffs'),
      eb.fn.sum<number>('tariffs.participants').as('places'),
      eb.fn.sum<number>('tariffs.cost_kopecks').as('money'),
    ])
    .groupBy(keyOf(scope))
    .execute();
  return {
    tariffs: toMap(rows.map((r) => ({ key: r.key, n: r.tariffs }))),
    places: toMap(rows.map((r) => ({ key: r.key, n: r.places }))),
    money: toMap(rows.map((r) => ({ key: r.key, n: r.money }))),
  };
}

const participantsOf = (db: Db, campaignId: string) =>
  db
    .selectFrom('participants')
    .innerJoin('schools', 'schools.id', 'participants.school_id')
    .where('participants.campaign_id', '=', campaignId);

export async function registeredBy(db: Db, scope: Scope, campaignId: string) {
  const rows = await participantsOf(db, campaignId)
    .where(inScope(scope))
    .select((eb) => [keyOf(scope).as('key'), eb.fn.countAll<number>().as('n')])
    .groupBy(keyOf(scope))
    .execute();
  return toMap(rows);
}

/** Participants whose code the server confirmed (a lease's «leased» or a waiting one is no place yet). */
export async function activatedBy(db: Db, scope: Scope, campaignId: string) {
  const rows = await participantsOf(db, campaignId)
    .innerJoin('activations', 'activations.participant_id', 'participants.id')
    .where('activations.status', '=', 'confirmed')
    .where(inScope(scope))
    .select((eb) => [keyOf(scope).as('key'), eb.fn.countAll<number>().as('n')])
    .groupBy(keyOf(scope))
    .execute();
  return toMap(rows);
}

/** Per key, how many participants completed each step (steps 1..stepCount). */
export async function funnelBy(db: Db, scope: Scope, campaignId: string, stepCount: number) {
  const rows = await participantsOf(db, campaignId)
    .innerJoin('completions', 'completions.participant_id', 'participants.id')
    .where('completions.step', '>=', 1)
    .where('completions.step', '<=', stepCount)
    .where(inScope(scope))
    .select((eb) => [keyOf(scope).as('key'), 'completions.step', eb.fn.countAll<number>().as('n')])
    .groupBy([keyOf(scope), 'completions.step'])
    .execute();
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const steps = out.get(r.key) ?? Array<number>(stepCount).fill(0);
    steps[Number(r.step) - 1] = Number(r.n);
    out.set(r.key, steps);
  }
  return out;
}

/** Participants who completed every step (counted from the scope's own participants). */
export async function finishedBy(db: Db, scope: Scope, campaignId: string, stepCount: number) {
  const done = participantsOf(db, campaignId)
    .innerJoin('completions', 'completions.participant_id', 'participants.id')
    .where('completions.step', '>=', 1)
    .where('completions.step', '<=', stepCount)
    .where(inScope(scope))
    .groupBy([keyOf(scope), 'participants.id'])
    .having((eb) => eb.fn.countAll(), '>=', stepCount)
    .select([keyOf(scope).as('key'), 'participants.id']);
  const rows = await db
    .selectFrom(done.as('done'))
    .select((eb) => ['done.key', eb.fn.countAll<number>().as('n')])
    .groupBy('done.key')
    .execute();
  return toMap(rows);
}

export async function certificatesBy(db: Db, scope: Scope, campaignId: string) {
  const rows = await participantsOf(db, campaignId)
    .innerJoin('certificates', 'certificates.subject_id', 'participants.id')
    .where('certificates.kind', '=', 'participant')
    .where('certificates.campaign_id', '=', campaignId)
    .where(inScope(scope))
    .select((eb) => [keyOf(scope).as('key'), eb.fn.countAll<number>().as('n')])
    .groupBy(keyOf(scope))
    .execute();
  return toMap(rows);
}

export async function coorganizersOf(db: Db, schoolId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'full_name as fullName', 'email'])
    .where('school_id', '=', schoolId)
    .where('role', '=', 'coorganizer')
    .orderBy('full_name')
    .execute();
}

/** Schools whose stats in this campaign are missing or older than their change feed. */
export async function staleSchools(db: Db, campaignId: string, limit: number) {
  return db
    .selectFrom('schools')
    .leftJoin('school_stats', (j) =>
      j.onRef('school_stats.school_id', '=', 'schools.id').on('school_stats.campaign_id', '=', campaignId),
    )
    .select(['schools.id', 'schools.change_seq'])
    .where((eb) =>
      eb.or([eb('school_stats.school_id', 'is', null), eb('school_stats.seq', '<', eb.ref('schools.change_seq'))]),
    )
    .limit(limit)
    .execute();
}

export interface SchoolStatsRow {
  schoolId: string;
  seq: number;
  tariffs: number;
  places: number;
  moneyKopecks: number;
  registered: number;
  activated: number;
  finished: number;
  certificates: number;
  funnel: number[];
}

export async function saveSchoolStats(db: Db, campaignId: string, rows: readonly SchoolStatsRow[], now: number) {
  if (rows.length === 0) return;
  await db
    .insertInto('school_stats')
    .values(
      rows.map((r) => ({
        campaign_id: campaignId,
        school_id: r.schoolId,
        seq: r.seq,
        tariffs: r.tariffs,
        places: r.places,
        money_kopecks: r.moneyKopecks,
        registered: r.registered,
        activated: r.activated,
        finished: r.finished,
        certificates: r.certificates,
        funnel: JSON.stringify(r.funnel),
        computed_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'school_id']).doUpdateSet((eb) => ({
        seq: eb.ref('excluded.seq'),
        tariffs: eb.ref('excluded.tariffs'),
        places: eb.ref('excluded.places'),
        money_kopecks: eb.ref('excluded.money_kopecks'),
        registered: eb.ref('excluded.registered'),
        activated: eb.ref('excluded.activated'),
        finished: eb.ref('excluded.finished'),
        certificates: eb.ref('excluded.certificates'),
        funnel: eb.ref('excluded.funnel'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute();
}

/** The stats rows recounted at or after `since` (ms), with each school's region. */
export async function statsRecountedSince(db: Db, campaignId: string, since: number) {
  return db
    .selectFrom('school_stats')
    .innerJoin('schools', 'schools.id', 'school_stats.school_id')
    .where('school_stats.campaign_id', '=', campaignId)
    .where('school_stats.computed_at', '>=', since)
    .select([
      'schools.id',
      'schools.region',
      'school_stats.tariffs',
      'school_stats.places',
      'school_stats.money_kopecks',
      'school_stats.registered',
      'school_stats.activated',
      'school_stats.finished',
      'school_stats.certificates',
      'school_stats.funnel',
      'school_stats.computed_at',
    ])
    .execute();
}

/** A school corrected (its region may have moved): its row is recounted, and re-read by every node. */
export async function forgetSchoolStats(db: Db | Transaction<CentralDB>, schoolId: string) {
  await db.deleteFrom('school_stats').where('school_id', '=', schoolId).execute();
}
