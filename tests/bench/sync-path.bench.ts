/**
 * The whole sync path as a school lives it, on SQLite and PostgreSQL: a central server process
 * (tests/bench/central-process.ts) and kiosk hosts compiled as shipped, talking over HTTP.
 *   push: a kiosk whose outbox holds 30 000 changes of 2 500 students (each registers, activates
 *         the school's code, and answers and completes five steps: the host's own applyLocal
 *         wrote them) sends them all;
 *   pull: a fresh kiosk of the same school enrols and pulls everything from cursor 0;
 *   idle: rounds with nothing new (the kiosk's idle round, shortened by KIOSK_SYNC_IDLE_MS).
 * Times and CPU of the host come from its own «sync round» log line (push and pull apart); the
 * server's CPU from /proc, sampled during the round. Beside each, in the same run, the bare
 * baseline: the same request and answer bytes carried by a plain node:http loop, plus the same
 * rows written by bare prepared statements on each side (the host's outbox deletes or its row
 * upserts; the server's log and change rows, or the page reads), each in one transaction per
 * batch with the same durability. Targets (issue 16): push ≥ 20 000 changes/s, pull ≥ 40 000
 * rows/s, a round with nothing new < 50 ms, host RSS < 150 MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { MAX_PULL_LIMIT, MAX_PUSH_BATCH } from '../../core/contracts/sync.ts';
import { hashPasswordSync } from '../../core/node/password.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Mutation, MutationBody } from '../../core/mutations/schemas.ts';
import { applyLocal, type LocalContext } from '../../electron/host/store/apply-local.ts';
import { getMeta } from '../../electron/host/store/meta.ts';
import { openKioskStore } from '../../electron/host/store/open.ts';
import { outboxBatch } from '../../electron/host/store/outbox.ts';
import type { Dialect } from '../../sync-server/db/connect.ts';
import { fingerprint } from '../../sync-server/sync/hash.ts';
import { DIALECTS, PG_URL } from '../support/dialects.ts';
import { registration, stepAnswers } from '../support/kiosk/factories.ts';
import { sqliteTwins } from './sync.bench.ts';
import { compileHost, cpuMsOf, rssOf, startCentral, startHost, type Central, type HostProcess } from './processes.ts';

const STUDENTS = 2_500;
/** Register, activate, then (answer, complete) for steps 1–5: twelve changes a student. */
const STEPS = 5;
const IDLE_ROUNDS = 15;

/** CPU of a process sampled every 20 ms, to charge the server with what it spent in a window. */
function sampler(pid: number) {
  const samples: [number, number][] = [];
  const take = () => samples.push([performance.now(), cpuMsOf(pid)]);
  take();
  const timer = setInterval(take, 20);
  return {
    /** CPU ms spent between two moments (performance.now()), interpolated between samples. */
    between(from: number, to: number): number {
      const at = (t: number) => {
        let i = samples.findIndex(([s]) => s >= t);
        if (i < 0) i = samples.length - 1;
        if (i === 0) return samples[0]![1];
        const [t0, c0] = samples[i - 1]!;
        const [t1, c1] = samples[i]!;
        return t1 === t0 ? c1 : c0 + ((c1 - c0) * (t - t0)) / (t1 - t0);
      };
      return at(to) - at(from);
    },
    stop: () => {
      take();
      clearInterval(timer);
    },
  };
}

/** Fills an enrolled kiosk's outbox through the host's own applyLocal, as students would. */
async function fillOutbox(dataDir: string, code: string): Promise<Mutation[]> {
  const store = await openKioskStore(dataDir);
  // Filling is set-up, not measured: no fsync per change here (the measured host keeps FULL).
  store.sqlite.pragma('synchronous = OFF');
  const enrollment = getMeta(store, 'enrollment')!;
  const campaign = getMeta(store, 'campaign')!;
  const content = getMeta(store, 'content')!;
  const passwordHash = hashPasswordSync('parol123');
  const ctx = (): LocalContext => ({
    now: new Date(),
    campaignId: campaign.id,
    settings: campaign.settings,
    steps: content.steps,
    schoolId: enrollment.schoolId,
    deviceId: enrollment.deviceId,
  });
  const apply = (body: MutationBody) => {
    const out = applyLocal(store, body, ctx());
    if (out.status !== 'accepted') throw new Error(`${body.name} refused: ${JSON.stringify(out.decision)}`);
  };
  for (let s = 0; s < STUDENTS; s++) {
    const participantId = uuidv7();
    const { profile } = registration({ email: `bench${s}@school.ru` });
    const at = Date.now();
    apply({
      name: 'participant.register',
      args: { participantId, profile, passwordHash, consentVersion: 'test-1', consentAt: at },
    });
    apply({ name: 'code.activate', args: { activationId: uuidv7(), participantId, code } });
    for (let step = 1; step <= STEPS; step++) {
      const answers = stepAnswers(content, step);
      for (const [itemId, value] of answers)
        apply({ name: 'answer.save', args: { participantId, step, itemId, value } });
      apply({
        name: 'step.complete',
        args: { completionId: uuidv7(), participantId, step, answers: Object.fromEntries(answers) },
      });
    }
  }
  const all = outboxBatch(store, Number.MAX_SAFE_INTEGER);
  store.close();
  return all;
}

/** Every page a pull from cursor 0 gets, as the bytes the server sent. */
async function pullPages(url: string, credential: string): Promise<string[]> {
  const pages: string[] = [];
  for (let cursor = 0; ;) {
    const res = await fetch(`${url}/api/sync/pull?cursor=${cursor}&limit=${MAX_PULL_LIMIT}`, {
      headers: { authorization: `Bearer ${credential}` },
    });
    const text = await res.text();
    pages.push(text);
    const page = JSON.parse(text) as { cursor: number; hasMore: boolean };
    if (!page.hasMore) return pages;
    cursor = page.cursor;
  }
}

/**
 * The same bytes over a plain node:http loop: a keep-alive client (as the host's agent) sends
 * each request body and a server answers with the prepared answer, one exchange at a time.
 */
async function bareHttp(exchanges: { request: string | null; answer: string }[]): Promise<number> {
  let i = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Both ends parse what they receive and serialise what they send, as any JSON API must.
      if (chunks.length) JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const answer = exchanges[i++]!.answer;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true });
  const t = performance.now();
  for (const ex of exchanges) {
    await new Promise<void>((ok, fail) => {
      const body = ex.request;
      const req = http.request({ port, host: '127.0.0.1', method: body ? 'POST' : 'GET', path: '/', agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
          ok();
        });
      });
      req.on('error', fail);
      req.end(body ?? undefined);
    });
  }
  const ms = performance.now() - t;
  agent.destroy();
  server.close();
  return ms;
}

function durableSqlite(file: string): SQLite.Database {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

/** The host's side of a push, bare: the outbox rows deleted by id, a transaction a batch. */
function bareHostPush(dir: string, batches: Mutation[][]): number {
  const db = durableSqlite(join(dir, 'bare-host.sqlite'));
  db.exec(
    'create table outbox (seq integer primary key autoincrement, id text not null unique, name text, args text, at integer)',
  );
  const ins = db.prepare('insert into outbox (id, name, args, at) values (?, ?, ?, ?)');
  db.transaction(() => {
    for (const b of batches) for (const m of b) ins.run(m.id, m.name, JSON.stringify(m.args), m.at);
  })();
  const del = db.prepare('delete from outbox where id = ?');
  const t = performance.now();
  for (const b of batches) db.transaction(() => b.forEach((m) => del.run(m.id)))();
  const ms = performance.now() - t;
  db.close();
  return ms;
}

/** The host's side of a pull, bare: each change's row upserted by its key, a transaction a page. */
function bareHostPull(dir: string, pages: string[]): number {
  const db = durableSqlite(join(dir, 'bare-host-pull.sqlite'));
  db.exec('create table rows (key text primary key, entity text, data text) without rowid');
  const up = db.prepare(
    'insert into rows (key, entity, data) values (?, ?, ?) on conflict (key) do update set data = excluded.data',
  );
  const t = performance.now();
  for (const text of pages) {
    const page = JSON.parse(text) as { changes: { entity: string; key: string; data: unknown }[] };
    db.transaction(() => page.changes.forEach((c) => up.run(c.key, c.entity, JSON.stringify(c.data))))();
  }
  const ms = performance.now() - t;
  db.close();
  return ms;
}

/** The server's rows of a push (log row and change row per mutation), built before the clock. */
function serverRows(batches: Mutation[][], schoolId: string) {
  let seq = 1_000_000;
  const now = Date.now();
  return batches.map((b) =>
    b.map((m) => {
      const { payload, hash } = fingerprint(m);
      const args = m.args as { participantId: string };
      return {
        log: [m.id, 'bench-device', schoolId, m.seq, m.name, hash, payload, args.participantId, now],
        change: [schoolId, seq++, m.name, `${args.participantId}:${m.id}`, JSON.stringify(m.args)],
      };
    }),
  );
}

const LOG_COLUMNS = 'id, device_id, school_id, seq, name, hash, payload, status, participant_id, received_at';

/** The server's side of push and pull, bare, on the central store itself (twin tables for writes). */
async function bareServer(
  dialect: Dialect,
  central: Central,
  batches: Mutation[][],
  pages: number,
): Promise<{ pushMs: number; pullMs: number }> {
  const rows = serverRows(batches, central.schoolId);
  if (dialect === 'sqlite') {
    const db = durableSqlite(join(central.dir, 'central.sqlite'));
    db.pragma('busy_timeout = 5000');
    sqliteTwins(db, ['mutations', 'changes']);
    const log = db.prepare(
      `insert into bench_mutations (${LOG_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?)`,
    );
    const chg = db.prepare('insert into bench_changes (school_id, seq, entity, key, data) values (?, ?, ?, ?, ?)');
    let t = performance.now();
    for (const b of rows)
      db.transaction(() => {
        for (const r of b) log.run(...r.log);
        for (const r of b) chg.run(...r.change);
      })();
    const pushMs = performance.now() - t;
    const page = db.prepare(
      'select seq, entity, key, data from changes where school_id = ? and seq > ? order by seq limit ?',
    );
    t = performance.now();
    let cursor = 0;
    for (let p = 0; p < pages; p++) {
      const got = page.all(central.schoolId, cursor, MAX_PULL_LIMIT + 1) as { seq: number }[];
      cursor = got[Math.min(got.length, MAX_PULL_LIMIT) - 1]?.seq ?? cursor;
    }
    const pullMs = performance.now() - t;
    db.close();
    return { pushMs, pullMs };
  }
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${central.pgSchema}` });
  await client.connect();
  try {
    for (const table of ['mutations', 'changes'])
      await client.query(`create table bench_${table} (like ${table} including all)`);
    const json = rows.map((b) => [
      JSON.stringify(
        b.map(({ log: l }) => ({
          id: l[0],
          device: l[1],
          school: l[2],
          seq: l[3],
          name: l[4],
          hash: l[5],
          payload: l[6],
          pid: l[7],
          at: l[8],
        })),
      ),
      JSON.stringify(b.map(({ change: c }) => ({ school: c[0], seq: c[1], entity: c[2], key: c[3], data: c[4] }))),
    ]);
    let t = performance.now();
    for (const params of json) {
      await client.query(
        `with log as (
           insert into bench_mutations (${LOG_COLUMNS})
           select id, device, school, seq, name, hash, payload, 'accepted', pid, at
           from json_to_recordset($1::json)
             as t(id text, device text, school text, seq bigint, name text, hash text, payload text, pid text, at bigint)
         )
         insert into bench_changes (school_id, seq, entity, key, data)
         select school, seq, entity, key, data
         from json_to_recordset($2::json) as t(school text, seq bigint, entity text, key text, data text)`,
        params,
      );
    }
    const pushMs = performance.now() - t;
    t = performance.now();
    let cursor = 0;
    for (let p = 0; p < pages; p++) {
      const { rows: got } = await client.query<{ seq: string }>({
        name: 'bench-page',
        text: 'select seq, entity, key, data from changes where school_id = $1 and seq > $2 order by seq limit $3',
        values: [central.schoolId, cursor, MAX_PULL_LIMIT + 1],
      });
      cursor = Number(got[Math.min(got.length, MAX_PULL_LIMIT) - 1]?.seq ?? cursor);
    }
    const pullMs = performance.now() - t;
    return { pushMs, pullMs };
  } finally {
    await client.end();
  }
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;
const chunk = <T>(a: T[], n: number) =>
  Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));

async function benchDialect(dialect: Dialect, entry: string, hostFlags: string[]): Promise<Record<string, number>> {
  const central = await startCentral(dialect, { kiosks: 2, capacity: STUDENTS + 100 }, hostFlags);
  const dirA = mkdtempSync(join(tmpdir(), 'moe-bench-host-a-'));
  const dirB = mkdtempSync(join(tmpdir(), 'moe-bench-host-b-'));
  const serverCpu = sampler(central.pid);
  const hosts: HostProcess[] = [];
  try {
    const enrolArgs = (dir: string, code: string) => [
      '--data',
      dir,
      '--server',
      central.url,
      '--enrollment-code',
      code,
    ];
    // Host A enrols (its first round pulls the school's code and the campaign), then stops.
    let a = await startHost(entry, enrolArgs(dirA, central.enrollment[0]!));
    hosts.push(a);
    await a.next('sync round');
    await a.stop();
    const mutations = await fillOutbox(dirA, central.code);
    const batches = chunk(mutations, MAX_PUSH_BATCH);

    // Push: host A starts with its full outbox; its first round sends everything.
    a = await startHost(entry, ['--data', dirA], { KIOSK_SYNC_IDLE_MS: '100' }, hostFlags);
    hosts.push(a);
    const push = await a.next('sync round', (l) => Number(l.pushed) > 0);
    const pushEnd = performance.now() - Number(push.ms) + Number(push.pushMs);
    const pushStart = pushEnd - Number(push.pushMs);
    // Rounds with nothing new, one every 100 ms of idle.
    const idle: number[] = [];
    const idleServerCpu: number[] = [];
    while (idle.length < IDLE_ROUNDS) {
      const l = await a.next('sync round');
      if (Number(l.pushed) || Number(l.pulled)) continue;
      idle.push(Number(l.ms));
      const end = performance.now();
      idleServerCpu.push(serverCpu.between(end - Number(l.ms), end));
    }
    const hostA = rssOf(a.pid);
    await a.stop();

    // Pull: a fresh host of the same school enrols and pulls everything from cursor 0.
    const t0 = performance.now();
    const b = await startHost(entry, enrolArgs(dirB, central.enrollment[1]!), {}, hostFlags);
    hosts.push(b);
    const pull = await b.next('sync round', (l) => Number(l.pulled) > 0);
    const readyMs = performance.now() - t0;
    const pullEnd = performance.now() - Number(pull.ms) + Number(pull.pushMs) + Number(pull.pullMs);
    const pullStart = pullEnd - Number(pull.pullMs);
    const hostB = rssOf(b.pid);
    const hostBCpu = cpuMsOf(b.pid);
    await b.stop();
    serverCpu.stop();
    const server = rssOf(central.pid);

    // Bare baselines, same run, same bytes and rows.
    const credential = (await openKioskStore(dirA).then((s) => {
      const c = getMeta(s, 'enrollment')!.credential;
      s.close();
      return c;
    })) as string;
    const pages = await pullPages(central.url, credential);
    const health = { pending: 0, oldestPendingAt: null, lastSyncAt: null, clockOffsetMs: 0, lastError: null };
    const pushHttp = await bareHttp(
      batches.map((ms) => ({
        request: JSON.stringify({ mutations: ms, health }),
        answer: JSON.stringify({ outcomes: ms.map((m) => ({ id: m.id, status: 'accepted' })), serverTime: Date.now() }),
      })),
    );
    const pullHttp = await bareHttp(pages.map((answer) => ({ request: null, answer })));
    const idleHttp =
      (await bareHttp(
        Array.from({ length: 50 }, (_, i) =>
          i % 2
            ? {
                request: null,
                answer: pages[pages.length - 1]!.replace(/"changes":\[.*?\],"cursor"/s, '"changes":[],"cursor"'),
              }
            : { request: JSON.stringify({ mutations: [], health }), answer: '{"outcomes":[],"serverTime":0}' },
        ),
      )) / 25;
    const bareDir = mkdtempSync(join(tmpdir(), 'moe-bench-bare-'));
    const hostPushBare = bareHostPush(bareDir, batches);
    const hostPullBare = bareHostPull(bareDir, pages);
    rmSync(bareDir, { recursive: true, force: true });
    const serverBare = await bareServer(dialect, central, batches, pages.length);

    const n = mutations.length;
    const rows = Number(pull.pulled);
    const pushBareMs = pushHttp + hostPushBare + serverBare.pushMs;
    const pullBareMs = pullHttp + hostPullBare + serverBare.pullMs;
    const k = (name: string) => `syncPath.${dialect}.${name}`;
    const out: Record<string, number> = {
      [k('changes')]: n,
      [k('push_changesPerSec')]: Math.round((n * 1000) / Number(push.pushMs)),
      [k('push_ms')]: Math.round(Number(push.pushMs)),
      [k('push_bare_changesPerSec')]: Math.round((n * 1000) / pushBareMs),
      [k('push_ratioToBare')]: r2(Number(push.pushMs) > 0 ? pushBareMs / Number(push.pushMs) : 0),
      [k('push_bare_http_ms')]: Math.round(pushHttp),
      [k('push_bare_host_ms')]: Math.round(hostPushBare),
      [k('push_bare_server_ms')]: Math.round(serverBare.pushMs),
      [k('push_host_cpu_s')]: r2(Number(push.pushCpuMs) / 1000),
      [k('push_server_cpu_s')]: r2(serverCpu.between(pushStart, pushEnd) / 1000),
      // Changes per CPU second of host and server together: what the path costs, less swayed by
      // a busy machine than the wall-clock figure.
      [k('push_changesPerCpuSec')]: Math.round(
        n / ((Number(push.pushCpuMs) + serverCpu.between(pushStart, pushEnd)) / 1000),
      ),
      [k('pull_rows')]: rows,
      [k('pull_rowsPerSec')]: Math.round((rows * 1000) / Number(pull.pullMs)),
      [k('pull_ms')]: Math.round(Number(pull.pullMs)),
      [k('pull_ready_ms')]: Math.round(readyMs),
      [k('pull_ready_rowsPerSec')]: Math.round((rows * 1000) / readyMs),
      [k('pull_bare_rowsPerSec')]: Math.round((rows * 1000) / pullBareMs),
      [k('pull_ratioToBare')]: r2(pullBareMs / Number(pull.pullMs)),
      [k('pull_bare_http_ms')]: Math.round(pullHttp),
      [k('pull_bare_host_ms')]: Math.round(hostPullBare),
      [k('pull_bare_server_ms')]: Math.round(serverBare.pullMs),
      [k('pull_host_cpu_s')]: r2(Number(pull.pullCpuMs) / 1000),
      [k('pull_rowsPerCpuSec')]: Math.round(
        rows / ((Number(pull.pullCpuMs) + serverCpu.between(pullStart, pullEnd)) / 1000),
      ),
      [k('pull_host_process_cpu_s')]: r2(hostBCpu / 1000),
      [k('pull_server_cpu_s')]: r2(serverCpu.between(pullStart, pullEnd) / 1000),
      [k('host_start_ms')]: Math.round(b.startMs),
      [k('idle_round_ms')]: r1(median(idle)),
      [k('idle_round_bare_http_ms')]: r2(idleHttp),
      [k('idle_round_server_cpu_ms')]: r1(idleServerCpu.reduce((x, y) => x + y, 0) / idleServerCpu.length),
      [k('host_push_rss_peak_mb')]: hostA.peakMb,
      [k('host_pull_rss_peak_mb')]: hostB.peakMb,
      [k('server_rss_peak_mb')]: server.peakMb,
    };
    console.log(
      `  ${dialect}: push ${out[k('push_changesPerSec')]} changes/s (${out[k('push_ms')]} ms; bare ${out[k('push_bare_changesPerSec')]}/s, ratio ${out[k('push_ratioToBare')]}); ` +
        `CPU host ${out[k('push_host_cpu_s')]} s, server ${out[k('push_server_cpu_s')]} s (${out[k('push_changesPerCpuSec')]} changes per CPU second)`,
    );
    console.log(
      `  ${dialect}: pull ${out[k('pull_rowsPerSec')]} rows/s (${rows} rows, ${out[k('pull_ms')]} ms; bare ${out[k('pull_bare_rowsPerSec')]}/s, ratio ${out[k('pull_ratioToBare')]}); ` +
        `fresh PC ready in ${out[k('pull_ready_ms')]} ms (start ${out[k('host_start_ms')]} ms); CPU host ${out[k('pull_host_cpu_s')]} s, server ${out[k('pull_server_cpu_s')]} s (${out[k('pull_rowsPerCpuSec')]} rows per CPU second)`,
    );
    console.log(
      `  ${dialect}: round with nothing new ${out[k('idle_round_ms')]} ms (bare HTTP ${out[k('idle_round_bare_http_ms')]} ms); ` +
        `peak RSS host ${hostA.peakMb}/${hostB.peakMb} MB (push/pull), server ${server.peakMb} MB`,
    );
    return out;
  } finally {
    serverCpu.stop();
    for (const h of hosts) await h.stop().catch(() => {});
    await central.stop();
    for (const d of [dirA, dirB]) rmSync(d, { recursive: true, force: true });
  }
}

export async function benchSyncPath(): Promise<Record<string, number>> {
  const host = compileHost();
  // BENCH_CPU_PROF=DIR: the hosts and the server write V8 CPU profiles there (node --cpu-prof);
  // BENCH_SYNC_DIALECT=sqlite|postgres runs one dialect only.
  const prof = process.env.BENCH_CPU_PROF;
  const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
  try {
    const out: Record<string, number> = {};
    const only = process.env.BENCH_SYNC_DIALECT;
    for (const dialect of DIALECTS.filter((d) => !only || d === only))
      Object.assign(out, await benchDialect(dialect, host.entry, flags));
    return out;
  } finally {
    host.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchSyncPath());
  process.exit(0);
}
