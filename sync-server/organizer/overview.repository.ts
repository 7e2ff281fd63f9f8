/**
 * The campaign's numbers, counted in the database and grouped by region (the country's view) or
 * by school (a region's, or one school's). Every count starts from the schools a scope names and
 * joins by indexed columns (migration 004_issue14_dashboard).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

/** The country by region; a region by school; one school. */
export type Scope = { kind: 'country' } | { kind: 'region'; region: string } | { kind: 'school'; schoolId: string };

type Db = Kysely<CentralDB>;
type Counted = { key: string; n: number | string | null };

const keyOf = (scope: Scope) =>
  scope.kind === 'country' ? sql.ref<string>('schools.region') : sql.ref<string>('schools.id');

/** The scope's schools, as a condition on the joined `schools` table. */
function inScope(scope: Scope) {
  if (scope.kind === 'region') return sql<SqlBool>`schools.region = ${scope.region}`;
  if (scope.kind === 'school') return sql<SqlBool>`schools.id = ${scope.schoolId}`;
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

/** Participants who completed every step. */
export async function finishedBy(db: Db, scope: Scope, campaignId: string, stepCount: number) {
  const done = db
    .selectFrom('completions')
    .where('step', '>=', 1)
    .where('step', '<=', stepCount)
    .groupBy('participant_id')
    .having((eb) => eb.fn.countAll(), '>=', stepCount)
    .select('participant_id');
  const rows = await participantsOf(db, campaignId)
    .where('participants.id', 'in', done)
    .where(inScope(scope))
    .select((eb) => [keyOf(scope).as('key'), eb.fn.countAll<number>().as('n')])
    .groupBy(keyOf(scope))
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

export async function tariffsOf(db: Db, schoolId: string, campaignId: string) {
  return db
    .selectFrom('tariffs')
    .select(['code', 'participants', 'used', 'cost_kopecks as costKopecks', 'created_at as createdAt'])
    .where('school_id', '=', schoolId)
    .where('campaign_id', '=', campaignId)
    .orderBy('created_at')
    .execute();
}
