/**
 * The students a co-organizer answers for about a parent's consent: those registered at the
 * school (on its classroom PCs) and those who applied one of its codes, in the active campaign.
 */
import type { ServerContext } from '../context.ts';

export interface ConsentStudentRow {
  participantId: string;
  surname: string;
  name: string;
  schoolClass: string;
  parentConsentBy: string | null;
  parentConsentHow: string | null;
  parentConsentReceivedAt: number | null;
}

function query(ctx: ServerContext, schoolId: string, campaignId: string) {
  return ctx.db
    .selectFrom('participants')
    .where('participants.campaign_id', '=', campaignId)
    .where((eb) =>
      eb.or([
        eb('participants.school_id', '=', schoolId),
        eb(
          'participants.id',
          'in',
          eb
            .selectFrom('activations')
            .innerJoin('tariffs', 'tariffs.code', 'activations.code')
            .where('tariffs.school_id', '=', schoolId)
            .where('tariffs.campaign_id', '=', campaignId)
            .select('activations.participant_id'),
        ),
      ]),
    )
    .select([
      'participants.id as participantId',
      'participants.surname',
      'participants.name',
      'participants.school_class as schoolClass',
      'participants.parent_consent_by as parentConsentBy',
      'participants.parent_consent_how as parentConsentHow',
      'participants.parent_consent_received_at as parentConsentReceivedAt',
    ]);
}

export function consentStudents(
  ctx: ServerContext,
  schoolId: string,
  campaignId: string,
): Promise<ConsentStudentRow[]> {
  return query(ctx, schoolId, campaignId)
    .orderBy('participants.school_class')
    .orderBy('participants.surname')
    .orderBy('participants.name')
    .execute();
}

export function consentStudent(
  ctx: ServerContext,
  schoolId: string,
  campaignId: string,
  participantId: string,
): Promise<ConsentStudentRow | undefined> {
  return query(ctx, schoolId, campaignId).where('participants.id', '=', participantId).executeTakeFirst();
}
