/** Signing in: password check (scrypt), the failed-login limit, and a new session. */
import type { Me } from '../../core/contracts/api.ts';
import { verifyPassword } from '../../core/node/password.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { decoyHash } from './passwords.ts';
import { RateLimited } from './rate-limited.ts';
import { createSession } from './session.ts';
import { findUserByEmail, loadMe } from './users.repository.ts';

export interface LoginInput {
  email: string;
  password: string;
}

export async function login(
  ctx: ServerContext,
  limiter: LoginLimiter,
  ip: string,
  input: LoginInput,
): Promise<{ me: Me; token: string }> {
  const waitMs = await limiter.blockedForMs(ip, input.email);
  if (waitMs > 0) {
    ctx.log.warn('login refused: too many failures');
    throw RateLimited.refuse('TOO_MANY_LOGINS', waitMs);
  }
  const user = await findUserByEmail(ctx.db, input.email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()));
  if (!user || !ok) {
    await limiter.recordFailure(ip, input.email);
    ctx.log.info({ userId: user?.id ?? null }, 'login failed');
    throw HttpError.of(401, 'BAD_LOGIN');
  }
  await limiter.recordSuccess(ip, input.email);
  const me = await loadMe(ctx.db, user.id);
  if (!me) throw HttpError.of(401, 'BAD_LOGIN');
  const token = await createSession(ctx, user.id);
  ctx.log.info({ userId: user.id, role: user.role }, 'signed in');
  return { me, token };
}
