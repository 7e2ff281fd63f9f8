/**
 * Reads behind «Результаты»: the students who applied one of a school's codes in the active
 * campaign, and their completed steps. The school comes from the session; a student reached
 * through another school's code simply is not in these rows.
 */
import type { CompletedAnswers } from '../../core/scoring/index.ts';
import type { ServerContext } from '../context.ts';

interface StudentRow {
  participantId: string;
  surname: string;
  name: string;
  schoolClass: string;
  schoolName: string;
  gender: string;
  /** The school the student belongs to (registered there): another one's when they used our code from elsewhere. */
  homeSchoolId: string;
  code: string;
  activationStatus: string;
  stepsDone: number;
}

function studentsQuery(ctx: ServerContext, schoolId: string, campaignId: string) {
  return ctx.db
    .selectFrom('activations')
    .innerJoin('tariffs', 'tariffs.code', 'activations.code')
    .innerJoin('participants', 'participants.id', 'activations.participant_id')
    .where('tariffs.school_id', '=', schoolId)
    .where('tariffs.campaign_id', '=', campaignId)
    .select([
      'participants.id as participantId',
      'participants.surname',
      'participants.name',
      'participants.school_class as schoolClass',
      'participants.school_name as schoolName',
      'participants.gender',
      'participants.school_id as homeSchoolId',
      'activations.code',
      'activations.status as activationStatus',
    ]);
}

/** How many students of the school's codes finished: a confirmed activation and every step done. */
export async function finishedCount(
  ctx: ServerContext,
  schoolId: string,
  campaignId: string,
  stepCount: number,
): Promise<number> {
  const row = await ctx.db
    .selectFrom('activations')
    .innerJoin('tariffs', 'tariffs.code', 'activations.code')
    .where('tariffs.school_id', '=', schoolId)
    .where('tariffs.campaign_id', '=', campaignId)
    .where('activations.status', '=', 'confirmed')
    .where((eb) =>
      eb(
        eb
          .selectFrom('completions')
          .whereRef('completions.participant_id', '=', 'activations.participant_id')
          .where('completions.step', '<=', stepCount)
          .select((c) => c.fn.countAll<number>().as('n')),
        '>=',
        stepCount,
      ),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One student, only if they applied one of this school's codes; undefined otherwise. */
export async function studentOfSchool(
  ctx: ServerContext,
  schoolId: string,
  campaignId: string,
  participantId: string,
): Promise<Omit<StudentRow, 'stepsDone'> | undefined> {
  return studentsQuery(ctx, schoolId, campaignId).where('participants.id', '=', participantId).executeTakeFirst();
}

/** The answers of a participant's completed steps, by step number, for the shared scoring. */
export async function completedAnswers(ctx: ServerContext, participantId: string): Promise<CompletedAnswers> {
  const rows = await ctx.db
    .selectFrom('completions')
    .select(['step', 'answers'])
    .where('participant_id', '=', participantId)
    .execute();
  const out: Record<number, CompletedAnswers[number]> = {};
  for (const r of rows) out[r.step] = JSON.parse(r.answers) as CompletedAnswers[number];
  return out;
}
