/**
 * A page on another site cannot make a signed-in co-organizer's browser act: a plain form (no JSON,
 * no header of the screens) and any request naming a foreign Origin are refused, and nothing
 * changes. With PUBLIC_URL on https, cookies are Secure and HSTS is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/dialects.ts';
import { createSchool, enroll } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client, createCoorganizer, signedIn } from '../accounts/helpers.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const EVIL = 'http://evil.example';

describe.each(DIALECTS)('requests a foreign page can make, on %s', (dialect) => {
  let server: TestServer;
  let coorg: Client;
  let schoolId: string;
  let deviceId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    schoolId = (await createSchool(server.ctx)).id;
    coorg = await signedIn(server.url, (await createCoorganizer(server.ctx, schoolId)).email);
    deviceId = (await enroll(server.url, server.ctx, schoolId)).deviceId;
  });
  afterAll(() => server.stop());

  /** What a cross-site <form method=post> sends: the cookie, a form body, maybe an Origin. */
  const formPost = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...FORM, cookie: coorg.cookie!, ...headers },
      body: 'a=1',
    });

  const devicesRevoked = async () =>
    (
      await server.ctx.db
        .selectFrom('devices')
        .select('revoked_at')
        .where('id', '=', deviceId)
        .executeTakeFirstOrThrow()
    ).revoked_at;

  it.each([
    ['/api/auth/logout'],
    ['/api/cabinet/enrollments'],
    ['/api/cabinet/devices/:device/revoke'],
    ['/api/cabinet/students/00000000-0000-7000-8000-000000000000/password'],
  ])('refuses a plain form POST to %s, with or without a foreign Origin', async (template) => {
    const path = template.replace(':device', deviceId);
    for (const headers of [{}, { origin: EVIL }, { origin: 'null' }] as Record<string, string>[]) {
      const res = await formPost(path, headers);
      expect([403, 415]).toContain(res.status);
      const body = await res.json();
      expect(body.error.message).toMatch(/отклонён/);
    }
    // Nothing happened: still signed in, the PC still enrolled, no enrollment code made.
    expect((await coorg.get('/api/auth/me')).status).toBe(200);
    expect(await devicesRevoked()).toBeNull();
    const codes = await server.ctx.db.selectFrom('enrollment_codes').select('code_hash').execute();
    expect(codes).toHaveLength(1); // the one the PC enrolled with
  });

  it('refuses JSON sent with a foreign Origin, and takes it from its own', async () => {
    const post = (origin: string) =>
      fetch(`${server.url}/api/cabinet/enrollments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: coorg.cookie!, origin },
        body: '{}',
      });
    const foreign = await post(EVIL);
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe('CROSS_SITE');
    expect((await post(server.url)).status).toBe(201);
    // Behind a TLS proxy the page's origin is https while this server sees http: the host decides.
    expect((await post(server.url.replace('http:', 'https:'))).status).toBe(201);
    expect((await post(`http://evil.example:${new URL(server.url).port}`)).status).toBe(403);
  });

  it("takes the screens' own requests: JSON bodies, and bodiless ones with their header", async () => {
    expect((await coorg.post('/api/cabinet/enrollments')).status).toBe(201);
    expect((await coorg.post(`/api/cabinet/devices/${deviceId}/revoke`)).status).toBe(204);
    expect(await devicesRevoked()).not.toBeNull();
  });
});

describe('cookies and HSTS', () => {
  it('with PUBLIC_URL on https: Secure session cookie over plain http (a proxy that says nothing), and HSTS', async () => {
    const server = await startTestServer('sqlite', { publicUrl: 'https://moe.example.ru' });
    try {
      const schoolId = (await createSchool(server.ctx)).id;
      const { email } = await createCoorganizer(server.ctx, schoolId);
      const res = await new Client(server.url).login(email);
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
      expect((await fetch(`${server.url}/healthz`)).headers.get('strict-transport-security')).toBeTruthy();
    } finally {
      await server.stop();
    }
  });

  it('without it, on plain http: no Secure (the cookie would never come back) and no HSTS', async () => {
    const server = await startTestServer('sqlite');
    try {
      const schoolId = (await createSchool(server.ctx)).id;
      const { email } = await createCoorganizer(server.ctx, schoolId);
      const res = await new Client(server.url).login(email);
      expect(res.headers.getSetCookie()[0]).not.toMatch(/Secure/);
      expect(res.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
