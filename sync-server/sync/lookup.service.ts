/**
 * A student logs in on a kiosk that has not seen them yet (registered on another PC, or on the
 * web): the kiosk asks the server, which checks the password and hands over their record.
 */
import { verifyPassword } from '../../core/node/password.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { activationFromDb, participantFromDb } from './rows.ts';

export async function lookupParticipant(ctx: ServerContext, campaignId: string, email: string, password: string) {
  const row = await ctx.db
    .selectFrom('participants')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  // Same answer for an unknown e-mail and a wrong password: no probing for who is registered.
  if (!row || !(await verifyPassword(password, row.password_hash))) throw HttpError.of(401, 'BAD_LOGIN');
  const [activation, answers, completions] = await Promise.all([
    ctx.db.selectFrom('activations').selectAll().where('participant_id', '=', row.id).executeTakeFirst(),
    ctx.db.selectFrom('answers').selectAll().where('participant_id', '=', row.id).execute(),
    ctx.db.selectFrom('completions').selectAll().where('participant_id', '=', row.id).execute(),
  ]);
  return {
    participant: participantFromDb(row),
    activation: activation ? activationFromDb(activation) : null,
    answers: answers.map((a) => ({
      participantId: a.participant_id,
      step: a.step,
      itemId: a.item_id,
      value: JSON.parse(a.value),
      updatedAt: a.updated_at,
    })),
    completions: completions.map((c) => ({
      id: c.id,
      participantId: c.participant_id,
      step: c.step,
      answers: JSON.parse(c.answers),
      completedAt: c.completed_at,
    })),
  };
}
