/**
 * Sessions: the browser holds a random token; the store holds only its SHA-256, so a leaked
 * database copy signs nobody in. Expiry is absolute (ctx.config.sessionTtlMs from sign-in).
 */
import { randomBytes } from 'node:crypto';
import type { Me } from '../../core/contracts/api.ts';
import type { ServerContext } from '../context.ts';
import { digest } from '../devices/secrets.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import { loadMe } from './users.repository.ts';

export async function createSession(ctx: ServerContext, userId: string): Promise<string> {
  const now = ctx.now();
  const token = randomBytes(32).toString('base64url');
  // Expired rows are swept here, on the rare write path, rather than by a timer on every node.
  await ctx.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  await ctx.db
    .insertInto('sessions')
    .values({ id: digest(token), user_id: userId, expires_at: now + ctx.config.sessionTtlMs, created_at: now })
    .execute();
  return token;
}

/** Resolves the signed-in user from a Cookie header, or null. */
export async function sessionUser(ctx: ServerContext, cookieHeader: string | undefined): Promise<Me | null> {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  if (!token || token.length > 128) return null;
  const session = await ctx.db
    .selectFrom('sessions')
    .select('user_id')
    .where('id', '=', digest(token))
    .where('expires_at', '>', ctx.now())
    .executeTakeFirst();
  return session ? loadMe(ctx.db, session.user_id) : null;
}

export async function destroySession(ctx: ServerContext, cookieHeader: string | undefined): Promise<void> {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  if (token) await ctx.db.deleteFrom('sessions').where('id', '=', digest(token)).execute();
}
