/**
 * Web participants' sessions, as the cabinet's (auth/session.ts): a random token in an HttpOnly
 * cookie, only its SHA-256 in the store, absolute expiry. A cookie of its own, so a teacher signed
 * in to the cabinet in the same browser stays a teacher there.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { clearedSessionCookie, readCookie, sessionCookie } from '../auth/cookies.ts';
import type { ServerContext } from '../context.ts';
import { digest } from '../devices/secrets.ts';

export const PARTICIPANT_COOKIE = 'mb_participant';

function tokenOf(req: Request): string | undefined {
  const token = readCookie(req.headers.cookie, PARTICIPANT_COOKIE);
  return token && token.length <= 128 ? token : undefined;
}

export async function startParticipantSession(
  ctx: ServerContext,
  req: Request,
  res: Response,
  participantId: string,
): Promise<void> {
  // A session presented at sign-in is dropped, so a planted cookie never outlives the login.
  await endParticipantSession(ctx, req, res);
  const now = ctx.now();
  const token = randomBytes(32).toString('base64url');
  await ctx.db.deleteFrom('participant_sessions').where('expires_at', '<=', now).execute();
  await ctx.db
    .insertInto('participant_sessions')
    .values({
      id: digest(token),
      participant_id: participantId,
      expires_at: now + ctx.config.sessionTtlMs,
      created_at: now,
    })
    .execute();
  res.setHeader('Set-Cookie', sessionCookie(token, ctx.config.sessionTtlMs, req.secure, PARTICIPANT_COOKIE));
}

/** The participant id the request's cookie names, or null. */
export async function sessionParticipantId(ctx: ServerContext, req: Request): Promise<string | null> {
  const token = tokenOf(req);
  if (!token) return null;
  const row = await ctx.db
    .selectFrom('participant_sessions')
    .select('participant_id')
    .where('id', '=', digest(token))
    .where('expires_at', '>', ctx.now())
    .executeTakeFirst();
  return row?.participant_id ?? null;
}

export async function endParticipantSession(ctx: ServerContext, req: Request, res: Response): Promise<void> {
  const token = tokenOf(req);
  if (token) await ctx.db.deleteFrom('participant_sessions').where('id', '=', digest(token)).execute();
  res.setHeader('Set-Cookie', clearedSessionCookie(req.secure, PARTICIPANT_COOKIE));
}
