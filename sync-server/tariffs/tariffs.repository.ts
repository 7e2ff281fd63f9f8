/** The tariffs a school obtained, as stored. */
import type { Kysely } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

/** The school's first tariff in a campaign, if it obtained any. */
export async function findFirstTariff(db: Kysely<CentralDB>, schoolId: string, campaignId: string) {
  return db
    .selectFrom('tariffs')
    .select(['code', 'participants'])
    .where('school_id', '=', schoolId)
    .where('campaign_id', '=', campaignId)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
}
