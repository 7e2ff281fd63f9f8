/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, POST /api/auth/set-password. */
import { Router } from 'express';
import { LoginRequest, SetPasswordRequest } from '../../core/contracts/api.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, parse } from '../http/errors.ts';
import { secureCookies } from '../http/https.ts';
import { login } from './auth.service.ts';
import { clearedSessionCookie, sessionCookie } from './cookies.ts';
import type { LimitStore } from './limit-store.ts';
import { LoginLimiter } from './login-limiter.ts';
import { setPasswordByLink } from './password-links.ts';
import { ipLimit, type IpLimit } from '../verify/lookup-limit.ts';
import { retryAfter } from './rate-limited.ts';
import { destroySession, sessionUser } from './session.ts';

/** Tries of a set-password link per address: a person mistyping a few times, not a script. */
export const SET_PASSWORD_LIMIT: IpLimit = { perIp: 10, windowMs: 15 * 60_000 };

export function authRouter(ctx: ServerContext, limits: LimitStore): Router {
  const limiter = new LoginLimiter(limits);
  const r = Router();
  r.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  r.post('/login', async (req, res) => {
    const input = parse(LoginRequest, req.body ?? {});
    const { me, token } = await login(ctx, limiter, req.ip ?? 'unknown', input);
    // A session presented at sign-in is dropped, so a planted cookie never outlives the login.
    await destroySession(ctx, req.headers.cookie);
    res.setHeader('Set-Cookie', sessionCookie(token, ctx.config.sessionTtlMs, secureCookies(ctx.config, req)));
    res.json(me);
  });

  r.post('/logout', async (req, res) => {
    await destroySession(ctx, req.headers.cookie);
    res.setHeader('Set-Cookie', clearedSessionCookie(secureCookies(ctx.config, req)));
    res.status(204).end();
  });

  // A co-organizer's first password from the organizer's one-time link (password-links.ts).
  r.post(
    '/set-password',
    ipLimit(limits, 'set-password', SET_PASSWORD_LIMIT, 'TOO_MANY_LINK_TRIES'),
    async (req, res) => {
      await setPasswordByLink(ctx, parse(SetPasswordRequest, req.body ?? {}));
      res.status(204).end();
    },
  );

  r.get('/me', async (req, res) => {
    const me = await sessionUser(ctx, req.headers.cookie);
    if (!me) throw HttpError.of(401, 'UNAUTHORIZED');
    res.json(me);
  });
  r.use(retryAfter);
  return r;
}
