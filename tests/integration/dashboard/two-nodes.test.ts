/**
 * Two server nodes as two real processes (`sync-server/main.ts`, as `npm run server` starts one)
 * on one PostgreSQL and one Redis: a kiosk pushes to node A; the organizer's dashboard and the
 * co-organizer's cabinet, connected to node B, hear of it at once, and node B's numbers include
 * the new participant.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '../../../core/contracts/dashboard.ts';
import { uuidv7 } from '../../../core/ids.ts';
import type { ServerContext } from '../../../sync-server/context.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS, freshStore } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, enroll, MutationMaker } from '../../support/factories.ts';
import { pgUrlOf, startNode, stopNode, storeContext, type NodeProcess } from '../../support/node-process.ts';
import { READY_LIMIT_MS } from '../../support/process.ts';
import { haveRedis, REDIS_URL } from '../../support/redis.ts';
import { nudged } from '../../support/sockets.ts';
import { Client, createCoorganizer, createOrganizer, PASSWORD } from '../accounts/helpers.ts';

/** A browser's socket: the session cookie in the handshake, as a signed-in page sends it. */
function pageSocket(url: string, kind: 'dashboard' | 'cabinet', cookie: string): Promise<Socket> {
  const socket = connect(url, {
    path: '/socket.io',
    auth: { kind },
    extraHeaders: { cookie },
    transports: ['websocket'],
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe.runIf(haveRedis && DIALECTS.includes('postgres'))('two node processes on PostgreSQL and Redis', () => {
  let a: NodeProcess;
  let b: NodeProcess;
  let store: Awaited<ReturnType<typeof freshStore>>;
  let ctx: ServerContext;
  let campaignId: string;

  beforeAll(async () => {
    store = await freshStore('postgres');
    ctx = storeContext(store);
    campaignId = (await createCampaign(ctx)).id;
    const env = { DATABASE_URL: pgUrlOf(store.pgSchema!), REDIS_URL };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
  }, READY_LIMIT_MS);
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopNode));
    await store?.close();
  });

  it('a push to node A reaches the dashboard and the cabinet on node B, live', async () => {
    const school = await createSchool(ctx, '77');
    const { code } = await createTariff(ctx, campaignId, school.id, 5);
    const organizer = new Client(b.url);
    await organizer.login((await createOrganizer(ctx)).email, PASSWORD);
    const coorganizer = new Client(b.url);
    await coorganizer.login((await createCoorganizer(ctx, school.id)).email, PASSWORD);
    const before = await organizer.get<Overview>('/api/organizer/overview');
    expect(before.body.totals.registered).toBe(0);

    const dashboard = await pageSocket(b.url, 'dashboard', organizer.cookie!);
    const cabinet = await pageSocket(b.url, 'cabinet', coorganizer.cookie!);
    const dashboardTold = new Promise<void>((resolve) => dashboard.once('campaign', () => resolve()));
    const cabinetTold = nudged(cabinet);

    const kiosk = await enroll(a.url, ctx, school.id, 'ПК на узле A');
    const participant = uuidv7();
    const maker = new MutationMaker();
    const pushed = await new DeviceClient(a.url, kiosk.credential, kiosk.instanceId).push([
      maker.register(participant),
      maker.activate(participant, code),
    ]);
    expect(pushed.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted']);

    await dashboardTold;
    expect(await cabinetTold).toEqual({ schoolId: school.id });
    const after = await organizer.get<Overview>('/api/organizer/overview');
    expect(after.body.totals).toMatchObject({ registered: 1, activated: 1 });
    dashboard.close();
    cabinet.close();
  });

  it('refuses a dashboard socket to anyone but an organizer', async () => {
    const school = await createSchool(ctx, '77');
    const coorganizer = new Client(b.url);
    await coorganizer.login((await createCoorganizer(ctx, school.id)).email, PASSWORD);
    await expect(pageSocket(b.url, 'dashboard', coorganizer.cookie!)).rejects.toThrow(/UNAUTHORIZED/);
  });
});
