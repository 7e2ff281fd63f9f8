/**
 * Redis away: a node started while it is down still serves and joins the other nodes once it
 * answers; Redis dying under a stream of nudges ends neither the node nor its shutdown.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { loadConfig } from '../../../sync-server/config.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../../sync-server/server.ts';
import { freshStore } from '../../support/dialects.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { createCampaign, createSchool, enroll, MutationMaker, TEST_PACK_FILE } from '../../support/factories.ts';
import { deviceSocket, nudged } from '../../support/sockets.ts';

const haveRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!haveRedisServer && process.env.REQUIRE_REDIS === '1') throw new Error('redis-server is required but missing');

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** A Redis of this test's own, so it can be stopped without touching the machine's. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(true));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
    });
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start');
}

const health = async (url: string) =>
  (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean; realtime: { ok: boolean; detail: string } };

describe('a node started while Redis is unreachable', () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let node: RunningServer;
  let startedInMs = 0;

  beforeAll(async () => {
    store = await freshStore('sqlite');
    const t = Date.now();
    // Port 1: nothing listens there, so every connection attempt is refused.
    const config = { ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent', REDIS_URL: 'redis://127.0.0.1:1' }) };
    node = await startServer({
      config: { ...config, contentPackFile: TEST_PACK_FILE },
      store,
      log: createLogger('silent'),
    });
    startedInMs = Date.now() - t;
  });
  afterAll(async () => {
    await node?.close();
    await store?.close();
  });

  it('starts within seconds and says in /healthz that the adapter is down', async () => {
    expect(startedInMs).toBeLessThan(15_000);
    const res = await fetch(`${node.url}/healthz`);
    expect(res.status).toBe(503);
    expect((await health(node.url)).realtime).toMatchObject({ ok: false, detail: expect.stringMatching(/down/) });
  });

  it("takes a device's pushes meanwhile", async () => {
    await createCampaign(node.ctx);
    const school = await createSchool(node.ctx);
    const e = await enroll(node.url, node.ctx, school.id);
    const maker = new MutationMaker();
    const pid = uuidv7();
    const res = await new DeviceClient(node.url, e.credential, e.instanceId).push([
      maker.register(pid),
      maker.answerItem(pid, 1, 0),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted']);
  });
});

describe.runIf(haveRedisServer)('Redis that comes and goes', () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let redis: ChildProcess | undefined;
  const nodes: RunningServer[] = [];
  const unhandled: unknown[] = [];
  const collect = (err: unknown) => unhandled.push(err);

  beforeAll(async () => {
    store = await freshStore('sqlite');
    await createCampaign(
      await startServer({
        config: { ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), contentPackFile: TEST_PACK_FILE },
        store,
        log: createLogger('silent'),
      }).then((n) => (nodes.push(n), n.ctx)),
    );
    // Vitest reports an unhandled rejection after the fact; these tests want it as a finding.
    process.on('unhandledRejection', collect);
  });
  afterEach(() => {
    redis?.kill('SIGKILL');
    redis = undefined;
  });
  afterAll(async () => {
    process.off('unhandledRejection', collect);
    for (const n of nodes) await n.close().catch(() => {});
    await store?.close();
  });

  const startNode = async (redisUrl: string) => {
    const config = {
      ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent', REDIS_URL: redisUrl }),
      contentPackFile: TEST_PACK_FILE,
    };
    const n = await startServer({ config, store, log: createLogger('silent') });
    nodes.push(n);
    return n;
  };

  it('a node started before Redis joins the others once it answers, sockets and all', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const early = await startNode(url);
    const school = await createSchool(early.ctx);
    const listener = await enroll(early.url, early.ctx, school.id, 'ПК слушает');
    // Connected while the node had no adapter: its room must survive the adapter's arrival.
    const socket = await deviceSocket(early.url, listener.credential);
    redis = await startRedis(port);
    await expect.poll(async () => (await health(early.url)).realtime.ok, { timeout: 10_000 }).toBe(true);
    const late = await startNode(url);
    const writer = await enroll(late.url, late.ctx, school.id, 'ПК пишет');
    const arrival = nudged(socket);
    await new DeviceClient(late.url, writer.credential, writer.instanceId).push([
      new MutationMaker().register(uuidv7()),
    ]);
    expect(await arrival).toEqual({ schoolId: school.id });
    socket.close();
  });

  it('Redis dying under a stream of nudges ends neither the node nor its shutdown', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    const node = await startNode(`redis://127.0.0.1:${port}`);
    expect((await health(node.url)).realtime.ok).toBe(true);
    const school = await createSchool(node.ctx);
    const stream = setInterval(() => {
      for (let i = 0; i < 50; i++) node.ctx.nudge(school.id);
    }, 2);
    await new Promise((r) => setTimeout(r, 200));
    redis.kill('SIGKILL');
    await expect.poll(async () => (await health(node.url)).realtime.ok, { timeout: 10_000 }).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(stream);
    await node.close();
    nodes.splice(nodes.indexOf(node), 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(unhandled).toEqual([]);
  });
});
