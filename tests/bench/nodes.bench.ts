/**
 * Server nodes as real processes (sync-server/main.ts, as `npm run server` runs it) on one
 * PostgreSQL schema and Redis (issue 14):
 *   sockets:    one node holds 10 000 classroom PCs' live channels, opened from a second process
 *               on loopback (tests/bench/socket-clients.ts); the node's RSS stays under 1 GiB,
 *               and a push by one PC still nudges the 100 PCs of its school at once;
 *   throughput: the same pushes (batches of 500 changes from kiosk-like pushers, two per node,
 *               each PC of its own school) against one node, then against two, in the same run;
 *               the target is two nodes ≥ 1.7 × one node.
 * Both share the machine's cores with PostgreSQL, Redis and this process, so each figure is
 * printed beside the load average and the CPU the nodes used.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAX_PUSH_BATCH } from '../../core/contracts/sync.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { ServerContext } from '../../sync-server/context.ts';
import { digest, newCredential } from '../../sync-server/devices/secrets.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { DeviceClient } from '../support/device-client.ts';
import { createCampaign, createSchool, enroll, MutationMaker } from '../support/factories.ts';
import { pgUrlOf, spawnNode, startNode, stopNode, storeContext, type NodeProcess } from '../support/node-process.ts';
import { haveRedis, REDIS_URL } from '../support/redis.ts';
import { cpuMsOf, rssOf } from './processes.ts';

const SOCKETS = 10_000;
const PCS_PER_SCHOOL = 100;
/** Room for every socket, the store's connections and node's own files. */
const OPEN_FILES = 32_768;
const RSS_LIMIT_MB = 1024;

const PUSHERS_PER_NODE = 2;
const BATCHES_PER_PUSHER = 8;

async function withNodes<T>(
  count: number,
  env: Record<string, string>,
  run: (nodes: NodeProcess[], ctx: ServerContext) => Promise<T>,
): Promise<T> {
  const store = await freshStore('postgres');
  const ctx = storeContext(store);
  const nodes: NodeProcess[] = [];
  try {
    await createCampaign(ctx);
    const dbEnv = { DATABASE_URL: pgUrlOf(store.pgSchema!), REDIS_URL, ...env };
    nodes.push(
      ...(await Promise.all(Array.from({ length: count }, () => startNode(dbEnv, { openFiles: OPEN_FILES })))),
    );
    return await run(nodes, ctx);
  } finally {
    await Promise.all(nodes.map(stopNode));
    await store.close();
  }
}

function skipped(): boolean {
  if (DIALECTS.includes('postgres') && haveRedis) return false;
  console.log('PostgreSQL or Redis is not reachable: the node benches are skipped');
  return true;
}

/** 10 000 enrolled PCs, 100 a school, written straight into the store; their credentials, one a line. */
async function seedDevices(ctx: ServerContext): Promise<{ credentials: string[]; firstSchool: string }> {
  const credentials: string[] = [];
  let firstSchool = '';
  for (let s = 0; s < SOCKETS / PCS_PER_SCHOOL; s++) {
    const school = await createSchool(ctx, '77', `Школа № ${s + 1}`);
    firstSchool ||= school.id;
    const rows = Array.from({ length: PCS_PER_SCHOOL }, (_, i) => {
      const credential = newCredential();
      credentials.push(credential);
      return {
        id: uuidv7(),
        school_id: school.id,
        name: `ПК ${i + 1}`,
        credential_hash: digest(credential),
        instance_id: uuidv7(),
        enrolled_at: ctx.now(),
      };
    });
    await ctx.db.insertInto('devices').values(rows).execute();
  }
  return { credentials, firstSchool };
}

/** Reads the driver's JSON lines; `until` resolves with the first line `accept` takes. */
function lines(child: ReturnType<typeof spawnNode>) {
  const seen: Record<string, unknown>[] = [];
  const waiting: [(l: Record<string, unknown>) => boolean, (l: Record<string, unknown>) => void][] = [];
  let buf = '';
  child.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = JSON.parse(buf.slice(0, nl)) as Record<string, unknown>;
      buf = buf.slice(nl + 1);
      seen.push(line);
      for (const [i, [accept, ok]] of waiting.entries())
        if (accept(line)) {
          waiting.splice(i, 1);
          ok(line);
        }
    }
  });
  child.stderr!.on('data', (c: Buffer) => process.stderr.write(c));
  return (accept: (l: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((ok, fail) => {
      const found = seen.find(accept);
      if (found) return ok(found);
      waiting.push([accept, ok]);
      child.once('exit', (code) => fail(new Error(`socket clients exited with ${code}`)));
    });
}

export async function benchNodeSockets(): Promise<Record<string, number>> {
  if (skipped()) return {};
  return withNodes(1, {}, async ([node], ctx) => {
    const pid = node!.child.pid!;
    const { credentials, firstSchool } = await seedDevices(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'moe-bench-sockets-'));
    const file = join(dir, 'credentials.txt');
    writeFileSync(file, credentials.join('\n'));
    const idle = rssOf(pid).rssMb;

    const driver = spawnNode(
      ['--import', 'tsx', resolve('tests/bench/socket-clients.ts'), node!.url, file],
      process.env,
      OPEN_FILES,
    );
    const until = lines(driver);
    const cpu0 = cpuMsOf(pid);
    const opened = await until((l) => 'connected' in l);
    const load = loadavg()[0]!;
    if (opened.failed) console.log(`  ${String(opened.failed)} failed to connect: ${String(opened.firstError)}`);
    const held = rssOf(pid).rssMb;

    // Alive, not merely counted: one PC of the first school pushes, and its 100 PCs hear of it.
    const device = await ctx.db
      .selectFrom('devices')
      .select(['instance_id', 'credential_hash'])
      .where('school_id', '=', firstSchool)
      .executeTakeFirstOrThrow();
    const credential = credentials.find((c) => digest(c) === device.credential_hash)!;
    const pushed = await new DeviceClient(node!.url, credential, device.instance_id).push([
      new MutationMaker().register(),
    ]);
    const told = await until((l) => l.told === PCS_PER_SCHOOL);

    // Hold them a while: nothing drops, memory settles.
    await new Promise((r) => setTimeout(r, 5_000));
    const after = rssOf(pid);
    driver.kill('SIGTERM');
    const closed = await until((l) => 'dropped' in l);
    rmSync(dir, { recursive: true, force: true });

    const out = {
      socketsConnected: Number(opened.connected),
      socketsFailed: Number(opened.failed),
      socketsDroppedWhileHeld: Number(closed.dropped),
      socketsConnectMs: Number(opened.connectMs),
      socketsNodeCpuMs: cpuMsOf(pid) - cpu0,
      socketsNodeRssIdleMb: idle,
      socketsNodeRssHeldMb: Math.max(held, after.rssMb),
      socketsNodePeakRssMb: after.peakMb,
      socketsRssUnder1GiB: after.peakMb < RSS_LIMIT_MB ? 1 : 0,
      socketsSchoolNudged: pushed.status === 200 ? Number(told.told) : 0,
      socketsLoadAverage: load,
    };
    console.log(
      `  ${out.socketsConnected} of ${SOCKETS} PCs connected to one node in ${out.socketsConnectMs} ms ` +
        `(${out.socketsFailed} failed, ${out.socketsDroppedWhileHeld} dropped while held; load average ${load.toFixed(1)})`,
    );
    console.log(
      `  node RSS: ${idle} MB idle, ${out.socketsNodeRssHeldMb} MB holding them, peak ${out.socketsNodePeakRssMb} MB ` +
        `(target < ${RSS_LIMIT_MB} MB: ${out.socketsRssUnder1GiB ? 'met' : 'MISSED'}); ` +
        `a push nudged ${out.socketsSchoolNudged} of its school's ${PCS_PER_SCHOOL} PCs`,
    );
    return out;
  });
}

interface Pusher {
  url: string;
  credential: string;
  /** The push requests' bodies, serialised beforehand so the timing is the server's. */
  bodies: string[];
}

/** A PC of a school of its own, enrolled on `url`, with an outbox of registrations and answers. */
async function pusherOn(url: string, ctx: ServerContext, batches: number): Promise<Pusher> {
  const school = await createSchool(ctx, '77');
  const pc = await enroll(url, ctx, school.id, 'ПК');
  const maker = new MutationMaker();
  const health = new DeviceClient(url, pc.credential, pc.instanceId).health();
  const bodies = Array.from({ length: batches }, () => {
    const mutations = Array.from({ length: MAX_PUSH_BATCH / 2 }, (_, i) => {
      const pid = uuidv7();
      return [maker.register(pid), maker.answerItem(pid, 1, 0, i)];
    }).flat();
    return JSON.stringify({ mutations, health });
  });
  return { url, credential: pc.credential, bodies };
}

async function push(p: Pusher, body: string): Promise<void> {
  const res = await fetch(`${p.url}/api/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p.credential}`, 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"rejected"'))
    throw new Error(`push failed: ${res.status} ${text.slice(0, 300)}`);
}

/** CPU ms so far of every process whose command is `comm` (PostgreSQL's backends, Redis). */
function cpuMsOfCommand(comm: string): number {
  let ms = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) ms += cpuMsOf(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return ms;
}

/** What else shares the machine's cores with the nodes: PostgreSQL, Redis, and this process (the pushers). */
function othersCpu() {
  const usage = process.cpuUsage();
  return {
    postgres: cpuMsOfCommand('postgres'),
    redis: cpuMsOfCommand('redis-server'),
    pushers: (usage.user + usage.system) / 1000,
  };
}

/** Changes per second that `pushers` carry together, each pushing its batches in order. */
async function throughput(pushers: Pusher[], nodes: NodeProcess[]) {
  // The first batch warms each node and connection up and is not counted.
  await Promise.all(pushers.map((p) => push(p, p.bodies[0]!)));
  const cpu0 = nodes.map((n) => cpuMsOf(n.child.pid!));
  const others0 = othersCpu();
  const t0 = performance.now();
  await Promise.all(
    pushers.map(async (p) => {
      for (const body of p.bodies.slice(1)) await push(p, body);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const changes = pushers.length * (BATCHES_PER_PUSHER - 1) * MAX_PUSH_BATCH;
  const nodeCpuMs = nodes.map((n, i) => cpuMsOf(n.child.pid!) - cpu0[i]!);
  const others1 = othersCpu();
  // Share of one core each used during the run.
  const share = (k: keyof typeof others0) => Math.round(((others1[k] - others0[k]) / 1000 / seconds) * 100);
  const others = { postgres: share('postgres'), redis: share('redis'), pushers: share('pushers') };
  // CPU per change tells what the nodes would carry with cores to spare, whatever the load now.
  const cpuPerThousand = Math.round((nodeCpuMs.reduce((a, b) => a + b, 0) / changes) * 1000);
  return { perSecond: Math.round(changes / seconds), seconds, nodeCpuMs, cpuPerThousand, others, load: loadavg()[0]! };
}

export async function benchNodesThroughput(): Promise<Record<string, number>> {
  if (skipped()) return {};
  return withNodes(2, { LOG_LEVEL: 'info' }, async (nodes, ctx) => {
    const setUp = (on: NodeProcess[]) =>
      Promise.all(
        on.flatMap((n) => Array.from({ length: PUSHERS_PER_NODE }, () => pusherOn(n.url, ctx, BATCHES_PER_PUSHER))),
      );
    const one = await throughput(await setUp(nodes.slice(0, 1)), nodes.slice(0, 1));
    const two = await throughput(await setUp(nodes), nodes);
    const ratio = two.perSecond / one.perSecond;
    const cpu = (r: typeof one) => r.nodeCpuMs.map((ms) => `${Math.round((ms / 1000 / r.seconds) * 100)}%`).join(' + ');
    console.log(
      `  one node:  ${one.perSecond} changes/s (${PUSHERS_PER_NODE} pushers; node CPU ${cpu(one)} of a core, ${one.cpuPerThousand} ms per 1000 changes; load average ${one.load.toFixed(1)})`,
    );
    console.log(
      `  two nodes: ${two.perSecond} changes/s (${PUSHERS_PER_NODE} pushers each; nodes' CPU ${cpu(two)}, ${two.cpuPerThousand} ms per 1000 changes; load average ${two.load.toFixed(1)})`,
    );
    const rest = (r: typeof one) =>
      `PostgreSQL ${r.others.postgres}%, Redis ${r.others.redis}%, the pushers ${r.others.pushers}%`;
    console.log(`  beside the nodes, one: ${rest(one)}; two: ${rest(two)} (of a core; ${cpus().length} cores)`);
    console.log(`  two nodes ÷ one: ${ratio.toFixed(2)} (target ≥ 1.7)`);
    return {
      nodesOnePushPerSec: one.perSecond,
      nodesTwoPushPerSec: two.perSecond,
      nodesTwoOverOne: Number(ratio.toFixed(2)),
      nodesOneCpuMsPer1000: one.cpuPerThousand,
      nodesTwoCpuMsPer1000: two.cpuPerThousand,
      nodesOnePostgresCpuPct: one.others.postgres,
      nodesTwoPostgresCpuPct: two.others.postgres,
      nodesOnePushersCpuPct: one.others.pushers,
      nodesTwoPushersCpuPct: two.others.pushers,
      nodesOneLoadAverage: one.load,
      nodesTwoLoadAverage: two.load,
    };
  });
}
