/** The SQL behind «Приобретенные тарифы»: a school's tariffs and the students without a place. */
import { sql, type Kysely } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

export function purchasedRows(db: Kysely<CentralDB>, schoolId: string, campaignId: string) {
  return db
    .selectFrom('tariffs')
    .select(['id', 'code', 'participants', 'cost_kopecks', 'used', 'reserved', 'created_at'])
    .select((eb) =>
      eb
        .selectFrom('activations')
        .select((a) => a.fn.countAll<number>().as('n'))
        .whereRef('activations.code', '=', 'tariffs.code')
        .where('activations.status', '=', 'waiting')
        .as('waiting'),
    )
    .where('school_id', '=', schoolId)
    .where('campaign_id', '=', campaignId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Students who used a code of this school and wait for a place or were refused (code full), oldest first. */
export function unplacedRows(db: Kysely<CentralDB>, schoolId: string) {
  return db
    .selectFrom('activations')
    .innerJoin('participants', 'participants.id', 'activations.participant_id')
    .select([
      'activations.participant_id',
      'activations.code',
      'activations.status',
      'activations.created_at',
      'participants.surname',
      'participants.name',
      'participants.school_class',
    ])
    .where('activations.school_id', '=', schoolId)
    .where('activations.status', 'in', [sql.lit('waiting'), sql.lit('refused')]) // literals: the partial index
    .orderBy('activations.created_at')
    .orderBy('activations.id')
    .limit(1_000)
    .execute();
}

/** A school's tariffs in a campaign, oldest first (its codes with their places, used and held). */
export function schoolTariffs(db: Kysely<CentralDB>, schoolId: string, campaignId: string) {
  return db
    .selectFrom('tariffs')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('campaign_id', '=', campaignId)
    .orderBy('created_at')
    .orderBy('id');
}

/** The school's first tariff in a campaign, if it obtained any. */
export function findFirstTariff(db: Kysely<CentralDB>, schoolId: string, campaignId: string) {
  return schoolTariffs(db, schoolId, campaignId).executeTakeFirst();
}

/** The school a code of the campaign belongs to, if the code is one. */
export function schoolOfCode(db: Kysely<CentralDB>, code: string, campaignId: string) {
  return db
    .selectFrom('tariffs')
    .innerJoin('schools', 'schools.id', 'tariffs.school_id')
    .select(['schools.id', 'schools.name', 'schools.locality'])
    .where('tariffs.code', '=', code)
    .where('tariffs.campaign_id', '=', campaignId)
    .executeTakeFirst();
}
