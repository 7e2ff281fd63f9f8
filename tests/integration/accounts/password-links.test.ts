/**
 * A co-organizer's first password from a one-time link: the organizer creates or imports a
 * co-organizer with «Ссылка для установки пароля»; the link sets a password once, stops working
 * after its time, and a wrong token is refused, in Russian.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoorganizerCreated, ImportReport } from '../../../core/contracts/directory.ts';
import { LINK_TTL_MS } from '../../../sync-server/auth/password-links.ts';
import { SET_PASSWORD_LIMIT } from '../../../sync-server/auth/auth.routes.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createSchool } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client, createOrganizer, signedIn, type ErrorReply, type Reply } from './helpers.ts';

const tokenOf = (url: string) => new URL(url).hash.replace('#/password/', '');

describe.each(DIALECTS)('set-password links on %s', (dialect) => {
  let server: TestServer;
  let org: Client;
  let schoolId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    org = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    schoolId = (await createSchool(server.ctx, '77', 'Школа № 1561')).id;
  });
  afterAll(() => server.stop());

  const withLink = async (email: string) => {
    const made = await org.post<CoorganizerCreated>('/api/organizer/coorganizers', {
      schoolId,
      email,
      fullName: 'Кузнецова Ольга Петровна',
      firstPassword: 'link',
    });
    expect(made.status).toBe(201);
    return made.body;
  };
  const setPassword = (token: string, password: string) =>
    new Client(server.url).post<ErrorReply>('/api/auth/set-password', { token, password });

  it('sets the first password once, and the co-organizer signs in with it', async () => {
    const made = await withLink('olga@school1561.ru');
    expect(made.password).toBeNull();
    expect(made.link!.url).toMatch(/^http:\/\/[^/]+\/#\/password\/[\w-]{40,}$/);
    expect(made.link!.expiresAt).toBe(server.ctx.now() + LINK_TTL_MS);
    const token = tokenOf(made.link!.url);
    // The token is stored only as a digest.
    const stored = await server.ctx.db.selectFrom('password_links').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    const weak = await setPassword(token, 'korotko');
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields?.password).toBe('Пароль должен быть не короче 8 символов');
    expect((await setPassword(token, 'moi-parol-1561')).status).toBe(204);
    expect((await new Client(server.url).login('olga@school1561.ru', 'moi-parol-1561')).body).toMatchObject({
      role: 'coorganizer',
      school: { name: 'Школа № 1561' },
    });

    const again = await setPassword(token, 'drugoi-parol-2');
    expect(again.status).toBe(410);
    expect(again.body.error.message).toContain('уже использована, устарела');
    expect((await new Client(server.url).login('olga@school1561.ru', 'drugoi-parol-2')).status).toBe(401);
  });

  it('refuses a wrong token, and a link past its time', async () => {
    expect((await setPassword('x'.repeat(43), 'moi-parol-1561')).status).toBe(410);
    const late = await withLink('ivan@school1561.ru');
    const onTime = await withLink('petr@school1561.ru');
    const t0 = server.ctx.now();
    server.setNow(t0 + LINK_TTL_MS + 1);
    try {
      expect((await setPassword(tokenOf(late.link!.url), 'moi-parol-1561')).status).toBe(410);
    } finally {
      server.setNow(t0);
    }
    expect((await setPassword(tokenOf(onTime.link!.url), 'moi-parol-1561')).status).toBe(204);
  });

  it('imports co-organizers with links for the rows without a password', async () => {
    const csv = [
      'e-mail;ФИО;регион;населенный пункт;школа;пароль',
      'anna@school7.ru;Смирнова Анна;77;Москва;Школа № 7;',
      'boris@school7.ru;Борисов Борис;77;Москва;Школа № 7;svoi-parol-7',
    ].join('\n');
    const { body } = await org.post<ImportReport>('/api/organizer/coorganizers/import', { csv, firstPassword: 'link' });
    expect(body).toMatchObject({ imported: 2, bad: [], generated: [] });
    expect(body.links.map((l) => [l.line, l.email])).toEqual([[2, 'anna@school7.ru']]);
    expect((await setPassword(tokenOf(body.links[0]!.url), 'annin-parol-7')).status).toBe(204);
    expect((await new Client(server.url).login('anna@school7.ru', 'annin-parol-7')).status).toBe(200);
  });
});

describe('set-password tries from one address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.stop());

  it(`are limited to ${SET_PASSWORD_LIMIT.perIp} in 15 minutes, with a Russian reason and Retry-After`, async () => {
    const statuses: number[] = [];
    let last: Reply<ErrorReply> | undefined;
    for (let i = 0; i <= SET_PASSWORD_LIMIT.perIp; i++) {
      last = await new Client(server.url).post<ErrorReply>('/api/auth/set-password', {
        token: `wrong-token-${i}-xxxxxxxxxxxxxxxx`,
        password: 'moi-parol-1561',
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array<number>(SET_PASSWORD_LIMIT.perIp).fill(410), 429]);
    expect(last!.body.error.message).toContain('Подождите 15 минут');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
