/**
 * A student logs in on a kiosk that has not seen them yet (registered on another PC, or on the
 * web): the kiosk asks the server, which checks the password and hands over their record. A
 * student of another school signing in here is recorded as visiting it: from then on this
 * school's PCs may act for them (see core decide's otherSchool).
 */
import { verifyPassword } from '../../core/node/password.ts';
import type { LoginLimiter } from '../auth/login-limiter.ts';
import { decoyHash } from '../auth/passwords.ts';
import { RateLimited } from '../auth/rate-limited.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { isRetiredEmail } from './merges.repository.ts';
import { activationFromDb, participantFromDb } from './rows.ts';

export interface LookupInput {
  email: string;
  password: string;
  /** The asking device's school. */
  schoolId: string;
  ip: string;
}

export async function lookupParticipant(ctx: ServerContext, limiter: LoginLimiter, campaignId: string, q: LookupInput) {
  const email = q.email.trim().toLowerCase();
  const waitMs = await limiter.blockedForMs(q.ip, email);
  if (waitMs > 0) throw RateLimited.refuse('TOO_MANY_LOGINS', waitMs);
  const row = await ctx.db
    .selectFrom('participants')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('email', '=', email)
    .executeTakeFirst();
  // Same answer, after the same work, for an unknown e-mail and a wrong password: no probing.
  const ok = await verifyPassword(q.password, row?.password_hash ?? (await decoyHash()));
  if (!row || !ok) {
    await limiter.recordFailure(q.ip, email);
    // A registration the co-organizer merged into another (issue 13): say so, and where to sign in.
    if (await isRetiredEmail(ctx.db, campaignId, email)) throw HttpError.of(401, 'REGISTRATION_MERGED');
    throw HttpError.of(401, 'BAD_LOGIN');
  }
  await limiter.recordSuccess(q.ip, email);
  if (row.school_id !== q.schoolId) {
    await ctx.db
      .insertInto('participant_visits')
      .values({ participant_id: row.id, school_id: q.schoolId, first_at: ctx.now() })
      .onConflict((oc) => oc.columns(['participant_id', 'school_id']).doNothing())
      .execute();
  }
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
