/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. */
import { Router } from 'express';
import { LoginRequest } from '../../core/contracts/api.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, parse } from '../http/errors.ts';
import { secureCookies } from '../http/https.ts';
import { login } from './auth.service.ts';
import { clearedSessionCookie, sessionCookie } from './cookies.ts';
import type { LimitStore } from './limit-store.ts';
import { LoginLimiter } from './login-limiter.ts';
import { retryAfter } from './rate-limited.ts';
import { destroySession, sessionUser } from './session.ts';

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

  r.get('/me', async (req, res) => {
    const me = await sessionUser(ctx, req.headers.cookie);
    if (!me) throw HttpError.of(401, 'UNAUTHORIZED');
    res.json(me);
  });
  r.use(retryAfter);
  return r;
}
