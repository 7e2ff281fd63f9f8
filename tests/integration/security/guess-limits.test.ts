/**
 * Guessing through the sync API is as slow as at staff sign-in: a student's password through the
 * kiosk lookup, and an enrollment code. Counts are shared by the nodes through Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../core/node/password.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { openLimitStore } from '../../../sync-server/auth/limit-store.ts';
import { loadConfig } from '../../../sync-server/config.ts';
import type { CentralStore } from '../../../sync-server/db/connect.ts';
import { createEnrollmentCode } from '../../../sync-server/devices/devices.service.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../../sync-server/server.ts';
import { freshStore } from '../../support/dialects.ts';
import { DeviceClient } from '../../support/device-client.ts';
import {
  createCampaign,
  createSchool,
  enroll,
  MutationMaker,
  PASSWORD,
  TEST_PACK_FILE,
} from '../../support/factories.ts';
import { haveRedis, REDIS_URL } from '../../support/redis.ts';

// Each test speaks from its own address (TRUST_PROXY=1), so runs sharing one Redis never add up.
const octet = () => Math.floor(Math.random() * 254) + 1;
const someAddress = () => `10.${octet()}.${octet()}.${octet()}`;

function nodes(redisUrl: string | undefined, count: number) {
  let store: CentralStore;
  const servers: RunningServer[] = [];
  const config = {
    ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/moe-test', TRUST_PROXY: '1' }),
    redisUrl,
    contentPackFile: TEST_PACK_FILE,
  };
  beforeAll(async () => {
    store = await freshStore('sqlite');
    for (let i = 0; i < count; i++) {
      const log = createLogger('silent');
      servers.push(
        await startServer({
          config,
          store,
          log,
          limits: await openLimitStore({ config, log, now: Date.now, db: store.db }),
        }),
      );
    }
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await store.close();
  });
  return servers;
}

const lookup = (url: string, credential: string, ip: string, email: string, password: string) =>
  fetch(`${url}/api/sync/participant`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'x-forwarded-for': ip },
    body: JSON.stringify({ email, password }),
  });

const enrollWith = (url: string, ip: string, enrollmentCode: string) =>
  fetch(`${url}/api/sync/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ enrollmentCode, deviceName: 'ПК 9', instanceId: uuidv7(), appVersion: 'test' }),
  });

async function studentOn(server: RunningServer) {
  await createCampaign(server.ctx);
  const schoolId = (await createSchool(server.ctx)).id;
  const e = await enroll(server.url, server.ctx, schoolId);
  const device = new DeviceClient(server.url, e.credential, e.instanceId);
  const pid = uuidv7();
  const email = `s${pid.slice(-12)}@school.ru`;
  await device.push([new MutationMaker().register(pid, email, await hashPassword(PASSWORD))]);
  return { schoolId, credential: e.credential, email };
}

describe('the kiosk lookup and enrollment on one node', () => {
  const servers = nodes(undefined, 1);

  it('refuses the sixth password for one student with 429, even the right one, and Retry-After', async () => {
    const server = servers[0]!;
    const { credential, email } = await studentOn(server);
    const ip = someAddress();
    for (let i = 0; i < 5; i++)
      expect((await lookup(server.url, credential, ip, email, `neverno-${i}1`)).status).toBe(401);
    const blocked = await lookup(server.url, credential, ip, email, PASSWORD);
    expect(blocked.status).toBe(429);
    // The window is 15 minutes from the first failure (a busy machine may have let a second pass).
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(850);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect((await blocked.json()).error).toMatchObject({
      code: 'TOO_MANY_LOGINS',
      message: /Слишком много попыток входа/,
    });
    // Another address is not held back by this one's failures.
    expect((await lookup(server.url, credential, someAddress(), email, PASSWORD)).status).toBe(200);
  });

  it('refuses enrollment after ten wrong codes from one address, even with a right code', async () => {
    const server = servers[0]!;
    const schoolId = (await createSchool(server.ctx)).id;
    const ip = someAddress();
    for (let i = 0; i < 10; i++) expect((await enrollWith(server.url, ip, `WRONG${i}XYZ`)).status).toBe(403);
    const { code } = await createEnrollmentCode(server.ctx, schoolId, 'test');
    const blocked = await enrollWith(server.url, ip, code);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).error.code).toBe('TOO_MANY_ENROLLS');
    expect((await enrollWith(server.url, someAddress(), code)).status).toBe(201);
  });
});

describe.runIf(haveRedis)('the kiosk lookup and enrollment on two nodes sharing Redis', () => {
  const servers = nodes(REDIS_URL, 2);

  it('counts failures on node A against the next attempt on node B', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const { credential, email, schoolId } = await studentOn(a);
    const ip = someAddress();
    for (let i = 0; i < 5; i++) expect((await lookup(a.url, credential, ip, email, `neverno-${i}1`)).status).toBe(401);
    expect((await lookup(b.url, credential, ip, email, PASSWORD)).status).toBe(429);

    for (let i = 0; i < 10; i++) expect((await enrollWith(a.url, ip, `WRONG${i}XYZ`)).status).toBe(403);
    const { code } = await createEnrollmentCode(b.ctx, schoolId, 'test');
    expect((await enrollWith(b.url, ip, code)).status).toBe(429);
  });
});
