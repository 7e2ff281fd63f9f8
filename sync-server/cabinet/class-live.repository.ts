/**
 * The read behind «Класс сейчас»: every student of a school in the campaign (registered there, or
 * using one of its codes from elsewhere) with where they are in the steps and when they last saved
 * something. One statement; each student's answers are read through the answers' primary key.
 */
import { sql, type Kysely } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

export interface ClassRow {
  participantId: string;
  surname: string;
  name: string;
  schoolClass: string;
  schoolName: string;
  homeSchoolId: string;
  registeredAt: number;
  /** The PC the student entered their code at; null when it was the website or no code yet. */
  activationDeviceId: string | null;
  activatedAt: number | null;
  stepsDone: number;
  lastCompletedAt: number | null;
  lastAnsweredAt: number | null;
  /** The step and item of the last saved answer. */
  lastAnswerStep: number | null;
  lastAnswerItem: string | null;
}

export async function classOfSchool(
  db: Kysely<CentralDB>,
  schoolId: string,
  campaignId: string,
  stepCount: number,
): Promise<ClassRow[]> {
  const registeredHere = db
    .selectFrom('participants')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('school_id', '=', schoolId);
  const usedOurCode = db
    .selectFrom('activations')
    .innerJoin('tariffs', 'tariffs.code', 'activations.code')
    .select('activations.participant_id as id')
    .where('tariffs.school_id', '=', schoolId)
    .where('tariffs.campaign_id', '=', campaignId);
  const rows = await db
    .selectFrom('participants as p')
    .leftJoin('activations as a', 'a.participant_id', 'p.id')
    .where('p.id', 'in', registeredHere.union(usedOurCode))
    .select([
      'p.id as participantId',
      'p.surname',
      'p.name',
      'p.school_class as schoolClass',
      'p.school_name as schoolName',
      'p.school_id as homeSchoolId',
      'p.created_at as registeredAt',
      'a.device_id as activationDeviceId',
      'a.created_at as activatedAt',
    ])
    .select((eb) => [
      eb
        .selectFrom('completions')
        .whereRef('completions.participant_id', '=', 'p.id')
        .where('completions.step', '<=', stepCount)
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('stepsDone'),
      eb
        .selectFrom('completions')
        .whereRef('completions.participant_id', '=', 'p.id')
        .select((c) => c.fn.max('completed_at').as('at'))
        .as('lastCompletedAt'),
      eb
        .selectFrom('answers')
        .whereRef('answers.participant_id', '=', 'p.id')
        .select((c) => c.fn.max('updated_at').as('at'))
        .as('lastAnsweredAt'),
      // Step and item of the newest answer in one value: `||` reads the same on SQLite and PostgreSQL.
      eb
        .selectFrom('answers')
        .whereRef('answers.participant_id', '=', 'p.id')
        .orderBy('updated_at', 'desc')
        .limit(1)
        .select(sql<string>`${sql.ref('step')} || ':' || ${sql.ref('item_id')}`.as('at'))
        .as('lastAnswer'),
    ])
    .orderBy('p.school_class')
    .orderBy('p.surname')
    .orderBy('p.name')
    .execute();
  // PostgreSQL returns count(*) and bigint columns as strings.
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map(({ lastAnswer, ...r }) => {
    const split = lastAnswer ? lastAnswer.indexOf(':') : -1;
    return {
      ...r,
      registeredAt: Number(r.registeredAt),
      activatedAt: num(r.activatedAt),
      stepsDone: Number(r.stepsDone ?? 0),
      lastCompletedAt: num(r.lastCompletedAt),
      lastAnsweredAt: num(r.lastAnsweredAt),
      lastAnswerStep: lastAnswer && split > 0 ? Number(lastAnswer.slice(0, split)) : null,
      lastAnswerItem: lastAnswer && split > 0 ? lastAnswer.slice(split + 1) : null,
    };
  });
}

/** Each working PC of the school with the students its last health report said were signed in at it. */
export async function signedInAtPcs(db: Kysely<CentralDB>, schoolId: string) {
  const rows = await db
    .selectFrom('devices')
    .select(['id', 'signed_in', 'last_seen_at'])
    .where('school_id', '=', schoolId)
    .where('revoked_at', 'is', null)
    .where('signed_in', 'is not', null)
    .execute();
  return rows.map((r) => ({
    deviceId: r.id,
    lastSeenAt: r.last_seen_at === null ? null : Number(r.last_seen_at),
    participants: JSON.parse(r.signed_in ?? '[]') as string[],
  }));
}
