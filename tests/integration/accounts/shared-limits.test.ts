/**
 * With REDIS_URL, the failed-login and lookup limits are one count for every node and survive a
 * restart; with Redis out of reach, each node still signs people in and counts on its own.
 */
import { Writable } from 'node:stream';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLimitStore, openLimitStore, type LimitStore } from '../../../sync-server/auth/limit-store.ts';
import { LoginLimiter } from '../../../sync-server/auth/login-limiter.ts';
import { opaqueLimitKey } from '../../../sync-server/auth/limit-keys.ts';
import { RedisLimitStore } from '../../../sync-server/auth/redis-limit-store.ts';
import { loadConfig } from '../../../sync-server/config.ts';
import type { CentralStore } from '../../../sync-server/db/connect.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../../sync-server/server.ts';
import { freshStore } from '../../support/dialects.ts';
import { createSchool, PASSWORD, TEST_PACK_FILE } from '../../support/factories.ts';
import { haveRedis, REDIS_URL } from '../../support/redis.ts';
import { Client, createCoorganizer } from './helpers.ts';

const NO_REDIS_URL = 'redis://127.0.0.1:1';

// Every test signs in from its own address (TRUST_PROXY=1), so runs sharing one Redis never
// add to each other's counts.
const octet = () => Math.floor(Math.random() * 254) + 1;
const someAddress = () => `10.${octet()}.${octet()}.${octet()}`;
const from = (url: string, ip: string) => new Client(url, { 'x-forwarded-for': ip });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function logSink() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger('info', sink) };
}

describe.runIf(haveRedis)('limits shared by two nodes through Redis', () => {
  let store: CentralStore;
  let a: RunningServer;
  let b: RunningServer;
  let schoolId: string;
  const config = {
    ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/moe-test', REDIS_URL, TRUST_PROXY: '1' }),
    contentPackFile: TEST_PACK_FILE,
  };
  const start = () => startServer({ config, store, log: createLogger('silent') });

  beforeAll(async () => {
    store = await freshStore('sqlite');
    [a, b] = [await start(), await start()];
    schoolId = (await createSchool(a.ctx)).id;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await store.close();
  });

  it('refuses the sixth failed attempt on node B after five on node A', async () => {
    const { email } = await createCoorganizer(a.ctx, schoolId);
    const ip = someAddress();
    for (let i = 0; i < 5; i++) expect((await from(a.url, ip).login(email, `wrong-${i}1`)).status).toBe(401);
    const blocked = await from(b.url, ip).login(email);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({
      error: {
        code: 'TOO_MANY_LOGINS',
        message: 'Слишком много попыток входа. Подождите несколько минут и попробуйте снова.',
      },
    });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
  });

  it('still refuses after the node that counted restarts', async () => {
    const { email } = await createCoorganizer(a.ctx, schoolId);
    const ip = someAddress();
    for (let i = 0; i < 5; i++) expect((await from(a.url, ip).login(email, `wrong-${i}1`)).status).toBe(401);
    await a.close();
    a = await start();
    expect((await from(a.url, ip).login(email)).status).toBe(429);
  });

  it('clears the account count on every node when the right password is given on one', async () => {
    const { email } = await createCoorganizer(a.ctx, schoolId);
    const ip = someAddress();
    for (let i = 0; i < 4; i++) expect((await from(a.url, ip).login(email, `wrong-${i}1`)).status).toBe(401);
    expect((await from(b.url, ip).login(email)).status).toBe(200);
    // Without the clearing these would be failures 5 to 8, and the last three refused.
    for (let i = 0; i < 4; i++) expect((await from(a.url, ip).login(email, `wrong-${i}2`)).status).toBe(401);
    expect((await from(a.url, ip).login(email)).status).toBe(200);
  });

  it('counts certificate lookups from one address on both nodes together', async () => {
    const ip = someAddress();
    const lookup = (url: string) => from(url, ip).get('/api/verify/MB-2026-AAAA2222');
    for (let i = 0; i < 30; i++) expect((await lookup(a.url)).status).toBe(404);
    for (let i = 0; i < 30; i++) expect((await lookup(b.url)).status).toBe(404);
    const refused = await lookup(a.url);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'TOO_MANY_LOOKUPS' } });
    expect((await from(b.url, someAddress()).get('/api/verify/MB-2026-AAAA2222')).status).toBe(404);
  });
});

describe.runIf(haveRedis)('two login limiters on separate Redis clients', () => {
  const stores: LimitStore[] = [];
  afterAll(() => Promise.all(stores.map((s) => s.close())));

  it('share one count under moe:login:, which expires with its window and names no address', async () => {
    const log = createLogger('silent');
    const secret = 'test-secret';
    stores.push(...[0, 1].map(() => new RedisLimitStore(REDIS_URL, new MemoryLimitStore(Date.now), log, secret)));
    await Promise.all(stores.map((s) => s.ready()));
    const opts = { perAccount: 2, perIp: 100, windowMs: 600 };
    const [first, second] = stores.map((s) => new LoginLimiter(s, opts)) as [LoginLimiter, LoginLimiter];
    const ip = someAddress();

    await first.recordFailure(ip, 'pupil@test.ru');
    expect(await second.blockedForMs(ip, 'pupil@test.ru')).toBe(0);
    await second.recordFailure(ip, 'pupil@test.ru');
    const wait = await first.blockedForMs(ip, 'pupil@test.ru');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(600);

    const raw = createClient({ url: REDIS_URL });
    await raw.connect();
    // The address is in no key, only its HMAC under the deployment's secret.
    expect(await raw.keys(`moe:*${ip}*`)).toEqual([]);
    const key = `moe:${opaqueLimitKey(secret, `login:ip:${ip}`)}`;
    expect(key).toMatch(/^moe:login:ip:[\w-]{32}$/);
    expect(await raw.get(key)).toBe('2');
    expect(await raw.pTTL(key)).toBeGreaterThan(0);
    await raw.close();

    await sleep(wait + 50);
    expect(await first.blockedForMs(ip, 'pupil@test.ru')).toBe(0);
    expect(await second.blockedForMs(ip, 'pupil@test.ru')).toBe(0);
  });
});

describe('with Redis out of reach', () => {
  let store: CentralStore;
  const nodes: { server: RunningServer; limits: LimitStore; lines: string[] }[] = [];

  beforeAll(async () => {
    store = await freshStore('sqlite');
    // The nodes' own REDIS_URL stays unset: only the limits' store meets the unreachable Redis here.
    const config = {
      ...loadConfig({ PORT: '0', LOG_LEVEL: 'info', DATA_DIR: '/tmp/moe-test' }),
      contentPackFile: TEST_PACK_FILE,
    };
    for (let i = 0; i < 2; i++) {
      const { lines, log } = logSink();
      const limits = await openLimitStore({
        config: { ...config, redisUrl: NO_REDIS_URL },
        log,
        now: Date.now,
        db: store.db,
      });
      nodes.push({ server: await startServer({ config, store, log, limits }), limits, lines });
    }
  });
  afterAll(async () => {
    for (const n of nodes) {
      await n.server.close();
      await n.limits.close();
    }
    await store.close();
  });

  it('still signs people in, limits each node on its own, and warns once', async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const school = await createSchool(a.server.ctx);
    const { email } = await createCoorganizer(a.server.ctx, school.id, 'smirnova.olga@school.ru');
    const c = new Client(a.server.url);
    expect((await c.login(email)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await c.login(email, `neverno-${i}1`)).status).toBe(401);
    await sleep(300); // the client's reconnect attempts keep failing meanwhile
    expect((await c.login(email)).status).toBe(429);
    // Node B never saw those failures: counts stay per process while Redis is away.
    expect((await new Client(b.server.url).login(email)).status).toBe(200);

    const warnings = a.lines.filter((l) => l.includes('redis unreachable'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40 });
    const all = a.lines.join('');
    for (const secret of [email, 'smirnova', PASSWORD, 'neverno-']) expect(all).not.toContain(secret);
  });
});
