/**
 * «Сменить пароль»: a student who forgot their password gets a new one from their co-organizer.
 * Only a student «Результаты» lists (one who applied one of the school's codes) can be reached;
 * any other id is a 404, as for the result PDF. The new hash goes to the student's home school's
 * change feed in the same transaction, so that school's kiosks pull it and sign the student in
 * offline with the new password and no longer with the old.
 */
import type { Transaction } from 'kysely';
import type { School } from '../../core/contracts/api.ts';
import type { TemporaryPassword } from '../../core/contracts/results.ts';
import { cabinetServerMessages as m } from '../../core/messages/cabinet-screens.ts';
import { hashPassword } from '../../core/node/password.ts';
import { generatePassword } from '../auth/passwords.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import type { ServerContext } from '../context.ts';
import type { CentralDB } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import { updateParticipant } from './participant-update.ts';
import { studentOfSchool } from './results.repository.ts';

/**
 * Read aloud and typed by a student from a teacher's note: 8 lower-case letters and digits with
 * no look-alikes (generatePassword), no Shift needed, and still a letter and a digit as the
 * registration form's rule asks.
 */
export const TEMPORARY_PASSWORD_LENGTH = 8;

export interface Actor {
  userId: string;
  school: School;
}

export async function setStudentPassword(
  ctx: ServerContext,
  actor: Actor,
  participantId: string,
): Promise<TemporaryPassword> {
  const campaign = await requireActiveCampaign(ctx.db);
  if (!(await studentOfSchool(ctx, actor.school.id, campaign.id, participantId))) {
    throw new HttpError(404, 'NOT_FOUND', m.studentNotFound);
  }
  const password = await resetParticipantPassword(ctx, participantId);
  // Ids only: neither the password, its hash nor the student's e-mail or name.
  ctx.log.info({ participantId, schoolId: actor.school.id, userId: actor.userId }, 'student password changed');
  return { password };
}

/**
 * A new temporary password for a participant: hashed into their row and their home school's
 * change feed in one transaction, so that school's kiosks pull it; returns it in clear, once.
 * The caller has checked who may do this (the co-organizer's school, or technical support).
 */
export async function resetParticipantPassword(
  ctx: ServerContext,
  participantId: string,
  /** Written in the same transaction, e.g. the audit log's entry. */
  also?: (trx: Transaction<CentralDB>) => Promise<void>,
): Promise<string> {
  const password = generatePassword(TEMPORARY_PASSWORD_LENGTH);
  const passwordHash = await hashPassword(password);
  await updateParticipant(ctx, participantId, { password_hash: passwordHash }, also);
  return password;
}
