/** Signing in and out: «Войти», «Выйти», the session cookie and what it may be used for. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digest } from '../../../sync-server/devices/secrets.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createSchool } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client, createCoorganizer, createOrganizer, PASSWORD, type ErrorReply } from './helpers.ts';

describe.each(DIALECTS)('signing in on %s', (dialect) => {
  let server: TestServer;
  let coorg: { id: string; email: string };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const school = await createSchool(server.ctx, '25', 'Школа № 7');
    coorg = await createCoorganizer(server.ctx, school.id, 'Teacher@School.ru');
  });
  afterAll(() => server.stop());

  it('signs a co-organizer in with any case of the e-mail and returns who they are', async () => {
    const c = new Client(server.url);
    const r = await c.login('  TEACHER@school.ru ');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: coorg.id,
      role: 'coorganizer',
      email: 'teacher@school.ru',
      school: { region: '25', name: 'Школа № 7' },
    });
    expect((await c.get('/api/auth/me')).body).toEqual(r.body);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie for the configured lifetime, Secure only over https', async () => {
    const c = new Client(server.url);
    const r = await c.login(coorg.email);
    const cookie = r.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^mb_session=[\w-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${server.ctx.config.sessionTtlMs / 1000}`);
    expect(cookie).not.toContain('Secure');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('ignores a forwarded https header from an untrusted client', async () => {
    const r = await new Client(server.url, { 'x-forwarded-proto': 'https' }).login(coorg.email);
    expect(r.headers.getSetCookie()[0]).not.toContain('Secure');
  });

  it('stores only the SHA-256 of the session token', async () => {
    const c = new Client(server.url);
    await c.login(coorg.email);
    const token = c.cookie!.split('=')[1]!;
    const ids = (await server.ctx.db.selectFrom('sessions').select('id').execute()).map((s) => s.id);
    expect(ids).toContain(digest(token));
    expect(ids).not.toContain(token);
  });

  it('signs out («Выйти»): the session no longer works, even if the old cookie is replayed', async () => {
    const c = new Client(server.url);
    await c.login(coorg.email);
    const old = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    c.cookie = old;
    const r = await c.get<ErrorReply>('/api/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.error.message).toBe('Войдите в личный кабинет.');
  });

  it('ends a session after its lifetime', async () => {
    const c = new Client(server.url);
    await c.login(coorg.email);
    const t0 = server.ctx.now();
    server.setNow(t0 + server.ctx.config.sessionTtlMs - 1000);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    server.setNow(t0 + server.ctx.config.sessionTtlMs + 1);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    server.setNow(t0);
  });

  it('refuses a wrong password and an unknown e-mail with the same Russian message', async () => {
    const wrong = await new Client(server.url).login(coorg.email, 'nepravilno1');
    const unknown = await new Client(server.url).login('nobody@school.ru', PASSWORD);
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect((r.body as unknown as ErrorReply).error).toMatchObject({
        code: 'BAD_LOGIN',
        message: 'Неверный e-mail или пароль.',
      });
      expect(r.headers.getSetCookie()).toEqual([]);
    }
  });

  it('answers a malformed login with 400 and a reason per field, never a stack trace', async () => {
    const c = new Client(server.url);
    const r = await c.post<ErrorReply>('/api/auth/login', { email: 'a@b.ru', password: '' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual({ password: 'Укажите пароль' });
    const raw = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(raw.status).toBe(400);
    expect(await raw.text()).not.toMatch(/at .*\.ts|SyntaxError/);
  });

  it('signs an organizer in without a school', async () => {
    const org = await createOrganizer(server.ctx);
    const r = await new Client(server.url).login(org.email);
    expect(r.body).toMatchObject({ role: 'organizer', school: null });
  });
});

// A separate block, so its server starts after the one above has stopped.
describe.each(DIALECTS)('signing in behind a trusted https proxy on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { trustProxy: true });
  });
  afterAll(() => server.stop());

  it('marks the session cookie Secure when the request came over https', async () => {
    const school = await createSchool(server.ctx);
    const u = await createCoorganizer(server.ctx, school.id);
    const r = await new Client(server.url, { 'x-forwarded-proto': 'https' }).login(u.email);
    expect(r.status).toBe(200);
    expect(r.headers.getSetCookie()[0]).toContain('; Secure');
  });
});
