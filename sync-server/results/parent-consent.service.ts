/**
 * «Согласия родителей» in the cabinet: the school's students under the organizer's age rule who
 * lack a parent's consent, and the co-organizer recording a paper one the school received. The
 * row goes to the student's home school's feed, so its kiosks hold the consent too.
 */
import type { School } from '../../core/contracts/api.ts';
import type { MissingParentConsent, ParentConsentList } from '../../core/contracts/parent-consent.ts';
import { parentConsentMissing, type ParentConsentWay } from '../../core/consent.ts';
import { cabinetServerMessages as m } from '../../core/messages/cabinet-screens.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { consentStudent, consentStudents, type ConsentStudentRow } from './parent-consent.repository.ts';
import { updateParticipant } from './participant-update.ts';

export interface Actor {
  userId: string;
  email: string;
  school: School;
}

const fields = (r: ConsentStudentRow) => ({
  schoolClass: r.schoolClass,
  parentConsentBy: r.parentConsentBy,
  parentConsentHow: r.parentConsentHow as ParentConsentWay | null,
  parentConsentReceivedAt: r.parentConsentReceivedAt,
});

export async function missingParentConsents(ctx: ServerContext, school: School): Promise<ParentConsentList> {
  const campaign = await requireActiveCampaign(ctx.db);
  const upToClass = campaign.settings.parentConsentUpToClass;
  if (upToClass === null) return { upToClass, missing: [] };
  const rows = await consentStudents(ctx, school.id, campaign.id);
  const missing: MissingParentConsent[] = rows
    .filter((r) => parentConsentMissing(upToClass, fields(r)))
    .map((r) => ({
      participantId: r.participantId,
      surname: r.surname,
      name: r.name,
      schoolClass: r.schoolClass,
      declaredBy: r.parentConsentBy,
      declaredHow: r.parentConsentHow as ParentConsentWay | null,
    }));
  return { upToClass, missing };
}

/** Looks the student up first: another school's student is a 404 whatever the body says. */
export async function requireConsentStudent(ctx: ServerContext, school: School, participantId: string) {
  const campaign = await requireActiveCampaign(ctx.db);
  const student = await consentStudent(ctx, school.id, campaign.id, participantId);
  if (!student) throw new HttpError(404, 'NOT_FOUND', m.studentNotFound);
  return student;
}

export async function recordPaperConsent(
  ctx: ServerContext,
  actor: Actor,
  participantId: string,
  by: string,
): Promise<void> {
  const now = ctx.now();
  await updateParticipant(
    ctx,
    participantId,
    { parent_consent_by: by, parent_consent_how: 'paper', parent_consent_at: now, parent_consent_received_at: now },
    // The parent's name stays in the row, not in the audit log.
    (trx) =>
      recordAudit(trx, now, { id: actor.userId, email: actor.email }, 'participant.parentConsent', participantId, {
        schoolId: actor.school.id,
      }),
  );
  ctx.log.info({ participantId, schoolId: actor.school.id, userId: actor.userId }, 'parent consent recorded');
}
