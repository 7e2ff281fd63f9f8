/** socket.io nudges: a device pulls at once when its school changes, across nodes via Redis. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { loadConfig } from '../../../sync-server/config.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../../sync-server/server.ts';
import { freshStore } from '../../support/dialects.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { createCampaign, createSchool, enroll, MutationMaker, TEST_PACK_FILE } from '../../support/factories.ts';
import { haveRedis, REDIS_URL } from '../../support/redis.ts';
import { deviceSocket, nudged } from '../../support/sockets.ts';

describe.runIf(haveRedis)('socket.io across two nodes with the Redis adapter', () => {
  let a: RunningServer;
  let b: RunningServer;
  let store: Awaited<ReturnType<typeof freshStore>>;

  beforeAll(async () => {
    store = await freshStore('sqlite');
    const config = { ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent', REDIS_URL }), contentPackFile: TEST_PACK_FILE };
    a = await startServer({ config, store, log: createLogger('silent') });
    b = await startServer({ config, store, log: createLogger('silent') });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await store.close();
  });

  it('nudges a device connected to node B when another device pushes through node A', async () => {
    await createCampaign(a.ctx);
    const school = await createSchool(a.ctx);
    const other = await createSchool(a.ctx);
    const listener = await enroll(b.url, b.ctx, school.id, 'ПК слушает');
    const outsider = await enroll(b.url, b.ctx, other.id, 'ПК другой школы');
    const writer = await enroll(a.url, a.ctx, school.id, 'ПК пишет');
    const sListener = await deviceSocket(b.url, listener.credential);
    const sOutsider = await deviceSocket(b.url, outsider.credential);
    let outsiderNudged = false;
    sOutsider.on('changes', () => (outsiderNudged = true));
    const arrival = nudged(sListener);
    await new DeviceClient(a.url, writer.credential, writer.instanceId).push([new MutationMaker().register(uuidv7())]);
    expect(await arrival).toEqual({ schoolId: school.id });
    await new Promise((r) => setTimeout(r, 200));
    expect(outsiderNudged).toBe(false);
    sListener.close();
    sOutsider.close();
  });

  it('refuses a socket without a valid credential', async () => {
    await expect(deviceSocket(a.url, 'not-a-credential')).rejects.toThrow(/UNAUTHORIZED/);
  });

  it('reports the database and the socket layer in /healthz', async () => {
    const res = await fetch(`${a.url}/healthz`);
    const body = (await res.json()) as {
      ok: boolean;
      database: { ok: boolean };
      realtime: { ok: boolean; detail: string };
    };
    expect(res.status).toBe(200);
    expect(body.database.ok).toBe(true);
    expect(body.realtime).toMatchObject({ ok: true });
    expect(body.realtime.detail).toMatch(/redis/);
  });
});
