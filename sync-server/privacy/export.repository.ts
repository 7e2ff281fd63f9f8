/** Reads every record the central store holds about one participant, and nothing of anyone else. */
import type { Kysely } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

export async function participantRecords(db: Kysely<CentralDB>, id: string) {
  const person = await db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!person) return undefined;
  const [campaign, activation, answers, completions, certificates, visits] = await Promise.all([
    db.selectFrom('campaigns').select(['title', 'year']).where('id', '=', person.campaign_id).executeTakeFirst(),
    db
      .selectFrom('activations')
      .select(['code', 'status', 'created_at'])
      .where('participant_id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('answers')
      .select(['step', 'item_id', 'value', 'updated_at'])
      .where('participant_id', '=', id)
      .orderBy('step')
      .orderBy('updated_at')
      .execute(),
    db
      .selectFrom('completions')
      .select(['step', 'answers', 'completed_at'])
      .where('participant_id', '=', id)
      .orderBy('step')
      .execute(),
    db
      .selectFrom('certificates')
      .select(['serial', 'issued_at'])
      .where('kind', '=', 'participant')
      .where('subject_id', '=', id)
      .execute(),
    db
      .selectFrom('participant_visits')
      .innerJoin('schools', 'schools.id', 'participant_visits.school_id')
      .select(['schools.name', 'participant_visits.first_at'])
      .where('participant_visits.participant_id', '=', id)
      .execute(),
  ]);
  return { person, campaign, activation, answers, completions, certificates, visits };
}
