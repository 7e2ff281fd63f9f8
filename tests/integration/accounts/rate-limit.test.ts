/** Passwords cannot be guessed by trying: 5 failures per address and e-mail in 15 minutes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLimitStore } from '../../../sync-server/auth/limit-store.ts';
import { LoginLimiter } from '../../../sync-server/auth/login-limiter.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createSchool } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client, createCoorganizer, type ErrorReply } from './helpers.ts';

describe.each(DIALECTS)('login rate limit on %s', (dialect) => {
  let server: TestServer;
  let email: string;
  let other: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const school = await createSchool(server.ctx);
    email = (await createCoorganizer(server.ctx, school.id)).email;
    other = (await createCoorganizer(server.ctx, school.id)).email;
  });
  afterAll(() => server.stop());

  it('refuses the sixth attempt with 429 and a Russian message, even with the right password', async () => {
    const c = new Client(server.url);
    for (let i = 0; i < 5; i++) expect((await c.login(email, `wrong-${i}1`)).status).toBe(401);
    const blocked = await c.login(email);
    expect(blocked.status).toBe(429);
    expect((blocked.body as unknown as ErrorReply).error).toEqual({
      code: 'TOO_MANY_LOGINS',
      message: 'Слишком много попыток входа. Подождите несколько минут и попробуйте снова.',
    });
    expect(blocked.headers.getSetCookie()).toEqual([]);
    // The server's clock stands still here, so the whole 15-minute window is left.
    expect(blocked.headers.get('retry-after')).toBe('900');
  });

  it('does not lock out another account signing in from the same address', async () => {
    expect((await new Client(server.url).login(other)).status).toBe(200);
  });

  it('lets the account in again once 15 minutes have passed', async () => {
    const t0 = server.ctx.now();
    server.setNow(t0 + 14 * 60_000);
    expect((await new Client(server.url).login(email)).status).toBe(429);
    server.setNow(t0 + 15 * 60_000 + 1);
    expect((await new Client(server.url).login(email)).status).toBe(200);
  });
});

describe('LoginLimiter', () => {
  it('clears an account after a success but keeps counting the address over all e-mails', async () => {
    let now = 0;
    const limiter = new LoginLimiter(new MemoryLimitStore(() => now), { perAccount: 3, perIp: 5, windowMs: 1000 });
    for (let i = 0; i < 2; i++) await limiter.recordFailure('1.1.1.1', 'a@x.ru');
    await limiter.recordSuccess('1.1.1.1', 'a@x.ru');
    expect(await limiter.blockedForMs('1.1.1.1', 'a@x.ru')).toBe(0);
    for (const e of ['b@x.ru', 'c@x.ru', 'd@x.ru']) await limiter.recordFailure('1.1.1.1', e);
    expect(await limiter.blockedForMs('1.1.1.1', 'z@x.ru')).toBe(1000);
    expect(await limiter.blockedForMs('2.2.2.2', 'z@x.ru')).toBe(0);
    now = 1000;
    expect(await limiter.blockedForMs('1.1.1.1', 'z@x.ru')).toBe(0);
  });
});
