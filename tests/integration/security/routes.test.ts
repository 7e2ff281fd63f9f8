/**
 * Every route the server registers is either public by the written list below, or refuses a
 * request without a session, a session of another role, and the ids of another school. A route
 * added later is walked too (tests/support/routes.ts): it must land on the list or refuse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../core/node/password.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DeviceClient } from '../../support/device-client.ts';
import {
  createCampaign,
  createSchool,
  createTariff,
  enroll,
  MutationMaker,
  PASSWORD,
  TEST_PACK_FILE,
} from '../../support/factories.ts';
import { webHandlers } from '../../../sync-server/participant/participant.routes.ts';
import { registeredRoutes, type RegisteredRoute } from '../../support/routes.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, createOrganizer, createSupport, signedIn, type Client } from '../accounts/helpers.ts';

/** Routes anyone may call, each with why. */
const PUBLIC: Record<string, string> = {
  'GET /healthz': 'technical support and load balancers probe it; it names no one',
  'POST /api/auth/login': 'signing in; rate-limited',
  'POST /api/auth/logout': 'ends only the session its own cookie names',
  'POST /api/auth/set-password':
    "a one-time link's token is the credential (256 bits, used once, expiring); rate-limited",
  'POST /api/sync/enroll': 'the enrollment code is the credential; rate-limited',
  'GET /api/verify/:serial': 'anyone may check a printed certificate; rate-limited',
  'GET /verify/': 'the certificate check page',
  'GET /verify/:serial': 'the certificate check page; rate-limited',
  'GET /': 'the screens',
  'GET /index.html': 'the screens',
  'GET /{*path}': 'the screens route on the client',
  'POST /api/participant/:channel':
    "the participant's screens on the web: signing up and in are open (rate-limited); every other channel needs the student's own session (checked below, channel by channel)",
};

/** The web participant's channels open to a visitor; every other one needs their session. */
const OPEN_CHANNELS = new Set(['status', 'registrationForm', 'register', 'login', 'logout', 'me', 'content']);

/** Routes that take another record's ids in their JSON body rather than in the path, with that body. */
const BODY_IDS: Record<string, (id: string, other: string) => unknown> = {
  // «Повторные регистрации» (issue 13): two registrations of the co-organizer's own school.
  'POST /api/cabinet/duplicates/merge': (id, other) => ({ keptId: id, retiredId: other }),
};

/** Who each non-public route is for, by where it is mounted. */
type Audience = 'coorganizer' | 'organizer' | 'staff' | 'device' | 'participant' | 'anyone signed in';
function audience(path: string): Audience {
  if (path.startsWith('/api/cabinet')) return 'coorganizer';
  if (path.startsWith('/api/organizer')) return 'organizer';
  // Technical support's tools: its own role's, and the organizers' too.
  if (path.startsWith('/api/support')) return 'staff';
  if (path.startsWith('/api/sync')) return 'device';
  if (path === '/api/auth/me') return 'anyone signed in';
  // «Скачать мои данные»: the web participant's own data, by their session alone.
  if (path === '/api/participant/export') return 'participant';
  throw new Error(`${path}: neither on the public list nor under a known audience`);
}

describe('every registered route', () => {
  let server: TestServer;
  let routes: RegisteredRoute[];
  let orgA: Client;
  let supportA: Client;
  let coorgA: Client;
  let deviceA: DeviceClient;
  /** Ids that belong to school B. */
  const b: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer('sqlite', { contentPackFile: TEST_PACK_FILE });
    const campaign = await createCampaign(server.ctx);
    const schoolA = (await createSchool(server.ctx)).id;
    const schoolB = (await createSchool(server.ctx)).id;
    orgA = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    supportA = await signedIn(server.url, (await createSupport(server.ctx)).email);
    coorgA = await signedIn(server.url, (await createCoorganizer(server.ctx, schoolA)).email);
    const coorgB = await createCoorganizer(server.ctx, schoolB);
    b.user = coorgB.id;
    const ea = await enroll(server.url, server.ctx, schoolA);
    deviceA = new DeviceClient(server.url, ea.credential, ea.instanceId);
    const eb = await enroll(server.url, server.ctx, schoolB);
    b.device = eb.deviceId;
    const tariff = await createTariff(server.ctx, campaign.id, schoolB, 5);
    b.tariff = tariff.id;
    b.participant = uuidv7();
    const maker = new MutationMaker();
    const pcB = new DeviceClient(server.url, eb.credential, eb.instanceId);
    const pushed = await pcB.push([
      maker.register(b.participant, `b${b.participant.slice(-8)}@school.ru`, await hashPassword(PASSWORD)),
      maker.activate(b.participant, tariff.code),
    ]);
    expect(pushed.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted']);
    // B's student finishes, and B's co-organizer starts «Скачать все результаты»: its job id is B's.
    const steps = Array.from({ length: 12 }, (_, i) => maker.complete(b.participant!, i + 1));
    expect((await pcB.push(steps)).status).toBe(200);
    const exportB = await (await signedIn(server.url, coorgB.email)).post<{ id: string }>('/api/cabinet/exports');
    expect(exportB.status).toBe(201);
    b.export = exportB.body.id;
    routes = registeredRoutes(server.app);
  });
  afterAll(() => server.stop());

  const call = (r: RegisteredRoute, path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: r.method,
      headers: { 'content-type': 'application/json', ...headers },
      body: r.method === 'GET' || r.method === 'HEAD' ? undefined : '{}',
    });
  const fill = (path: string, id: string) =>
    path
      .replace(/:id\b/, id)
      .replace(':serial', 'MB-2026-7KQ4M2XD')
      .replace(':table', 'tariffs')
      .replace('{*path}', 'cabinet') + (path.includes('/export') ? '?format=csv' : '');

  it('are found, the API among them', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys).toContain('POST /api/cabinet/devices/:id/revoke');
    // «Класс сейчас» (issue 13): for the school's co-organizer only, walked below with the rest.
    expect(keys).toContain('GET /api/cabinet/class');
    // Whose a code is, for a kiosk about to warn a student (issue 13): enrolled devices only.
    expect(keys).toContain('POST /api/sync/code');
    expect(keys).toContain('POST /api/sync/push');
    expect(keys).toContain('GET /api/cabinet/results/students/:id');
    for (const route of [
      'GET /api/cabinet/exports/',
      'POST /api/cabinet/exports/',
      'GET /api/cabinet/exports/:id',
      'GET /api/cabinet/exports/:id/download',
    ])
      expect(keys).toContain(route);
    expect(keys.length).toBeGreaterThan(25);
  });

  it('are public by the list, or refuse a request without a session or credential', async () => {
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      if (key in PUBLIC) continue;
      audience(r.path); // throws for a route nobody placed
      const res = await call(r, fill(r.path, uuidv7()));
      expect(res.status, key).toBe(401);
      expect((await res.json()).error.message, key).toMatch(/\p{Script=Cyrillic}/u);
    }
  });

  it("on the web, refuse every participant channel but signing up and in without the student's session", async () => {
    const closed = Object.keys(webHandlers).filter(
      (c) => webHandlers[c as keyof typeof webHandlers] && !OPEN_CHANNELS.has(c),
    );
    expect(closed).toContain('saveAnswer');
    for (const channel of closed) {
      for (const cookie of [undefined, coorgA.cookie!, orgA.cookie!, supportA.cookie!]) {
        const res = await fetch(`${server.url}/api/participant/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          body: JSON.stringify(channel === 'activate' ? { code: 'ABCD2345' } : {}),
        });
        // 401, or 400 where the empty input is refused before anything is looked up.
        expect([400, 401], `${channel}${cookie ? ' with a staff session' : ''}`).toContain(res.status);
        expect(res.status === 200).toBe(false);
      }
    }
  });

  it('refuse a session of another role (and a session where a device credential belongs)', async () => {
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      if (key in PUBLIC) continue;
      const who = audience(r.path);
      if (who === 'anyone signed in') continue;
      if (who === 'participant') {
        // A staff session is no participant's: nobody's data comes back.
        for (const staff of [coorgA, orgA, supportA]) {
          expect((await call(r, fill(r.path, uuidv7()), { cookie: staff.cookie! })).status, key).toBe(401);
        }
        continue;
      }
      const others: Record<string, Client> =
        who === 'organizer'
          ? { 'co-organizer': coorgA, 'technical support': supportA }
          : who === 'staff'
            ? { 'co-organizer': coorgA }
            : { organizer: orgA, 'technical support': supportA };
      for (const [as, other] of Object.entries(others)) {
        const res = await call(r, fill(r.path, uuidv7()), { cookie: other.cookie! });
        expect(res.status, `${key} as ${as}`).toBe(who === 'device' ? 401 : 403);
      }
      if (who === 'device') {
        const withSession = await call(r, fill(r.path, uuidv7()), { cookie: coorgA.cookie! });
        expect(withSession.status, `${key} with a co-organizer's session`).toBe(401);
      }
    }
  });

  it("let technical support's tools to support and organizers alike", async () => {
    const staffRoutes = routes.filter((r) => !(`${r.method} ${r.path}` in PUBLIC) && audience(r.path) === 'staff');
    expect(staffRoutes.length).toBeGreaterThan(4);
    for (const r of staffRoutes) {
      for (const [as, who] of Object.entries({ organizer: orgA, 'technical support': supportA })) {
        const res = await call(r, fill(r.path, uuidv7()), { cookie: who.cookie! });
        // Past the role check: answered, or its empty query (400) or unknown id (404) refused as such.
        expect([200, 400, 404], `${r.method} ${r.path} as ${as}`).toContain(res.status);
      }
    }
  });

  it("refuse the ids of another school's records, and change nothing of theirs", async () => {
    // Organizers and technical support see the whole country by design: no school's ids are foreign to them.
    const withIds = routes.filter(
      (r) =>
        r.path.includes(':id') &&
        !(`${r.method} ${r.path}` in PUBLIC) &&
        !['organizer', 'staff'].includes(audience(r.path)),
    );
    expect(withIds.length).toBeGreaterThan(0);
    for (const r of withIds) {
      const who = audience(r.path);
      const as = who === 'organizer' ? orgA : coorgA;
      for (const [kind, id] of Object.entries(b)) {
        const headers: Record<string, string> =
          who === 'device' ? { authorization: `Bearer ${deviceA.credential}` } : { cookie: as.cookie! };
        const res = await call(r, fill(r.path, id), headers);
        expect([403, 404], `${r.method} ${r.path} with school B's ${kind}`).toContain(res.status);
      }
    }
    const device = await server.ctx.db
      .selectFrom('devices')
      .select('revoked_at')
      .where('id', '=', b.device!)
      .executeTakeFirstOrThrow();
    expect(device.revoked_at).toBeNull();
    expect((await deviceA.lookup(`b${b.participant!.slice(-8)}@school.ru`, PASSWORD)).status).toBe(200);
  });

  it("refuse school B's ids given in the body, either way round, and change nothing of theirs", async () => {
    const keys = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const [key, body] of Object.entries(BODY_IDS)) {
      expect(keys, key).toContain(key);
      const [method, path] = key.split(' ') as [string, string];
      const ids = [b.participant!, uuidv7()];
      for (const [id, other] of [ids, [...ids].reverse(), [b.participant!, b.participant!]]) {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json', cookie: coorgA.cookie! },
          body: JSON.stringify(body(id!, other!)),
        });
        expect([403, 404, 409], `${key} with school B's participant`).toContain(res.status);
      }
    }
    expect((await deviceA.lookup(`b${b.participant!.slice(-8)}@school.ru`, PASSWORD)).status).toBe(200);
  });
});
