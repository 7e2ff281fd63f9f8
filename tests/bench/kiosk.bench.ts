/**
 * The kiosk host on a classroom PC: how long a student waits for «сохранено» (an answer's round
 * trip through the HTTP bridge, including its fsynced local write), beside the bare durable write
 * (one better-sqlite3 INSERT, WAL, synchronous=FULL) measured in the same run; and the host's
 * memory over a store holding 1 000 participants who finished all 12 steps.
 * Targets: save p99 < 2 ms; RSS < 150 MB. The host is measured as `npm run kiosk` and the desktop
 * app run it: compiled by electron/tsconfig.json, run by plain node.
 * Saves travel over the socket bridge, as from the kiosk page; the same saves over its HTTP
 * fallback (one kept-alive connection) are reported beside them.
 */
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { TEST_PACK } from '../../core/content/index.ts';
import { KioskClient } from '../support/kiosk/client.ts';
import { KeepAliveBridge } from '../support/kiosk/keepalive-client.ts';
import { SocketBridgeClient } from '../support/kiosk/socket-client.ts';
import { tempDir } from '../support/kiosk/core.ts';
import { stepAnswers } from '../support/kiosk/factories.ts';
import { SEED_PASSWORD, seedKioskStore } from '../support/kiosk/seed-store.ts';
import { compileHost, cpuMsOf, rssOf, startHost } from './processes.ts';

// Enough that p99 rests on 40 saves, not on two or three slow fsyncs.
const SAVES = 4_000;
const BLOCK = 200;
const WARM_UP = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PARTICIPANTS = 1_000;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (n: number) => Math.round(n * 1000) / 1000;

/** The bare durable write: one INSERT OR REPLACE in its own transaction, WAL, synchronous=FULL. */
function bareWriter(): { write(i: number): number; close(): void } {
  const db = new SQLite(join(tempDir('bench-bare-'), 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    // Keyed like the kiosk's own answers table (one B-tree, migrations/kiosk/003).
    'CREATE TABLE answers (participant_id TEXT, step INTEGER, item_id TEXT, value TEXT, updated_at INTEGER, PRIMARY KEY (participant_id, step, item_id)) WITHOUT ROWID',
  );
  const insert = db.prepare('INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)');
  return {
    write(i) {
      const t = performance.now();
      insert.run('p', 1 + (i % 12), `item-${i % 7}`, JSON.stringify(`value ${i}`), Date.now());
      return performance.now() - t;
    },
    close: () => db.close(),
  };
}

/**
 * Saves through the bridge, in blocks alternating with bare durable writes on the same disk (the
 * disk's fsync time swings with what else the machine does); then 30 other students sign in and
 * read their progress. Returns both timings and the host's memory.
 */
async function exercise(url: string, pid: number, emails: string[]) {
  const c = new KioskClient(url);
  await c.ok('login', { email: emails[0]!, password: SEED_PASSWORD });
  const answers = TEST_PACK.steps.flatMap((s) =>
    stepAnswers(TEST_PACK, s.number).map(([itemId, value]) => ({ step: s.number, itemId, value })),
  );
  const socket = await SocketBridgeClient.open(url, c.token);
  const save = async (i: number) => {
    const a = await socket.call('saveAnswer', answers[i % answers.length]!);
    if (!a.ok) throw new Error(`saveAnswer refused: ${a.error.code}`);
  };
  // Warm-up, not counted: the host's JIT and statement caches settle over the first thousands.
  for (let i = 0; i < WARM_UP; i++) await save(i);
  const bare = bareWriter();
  const cpuBefore = cpuMsOf(pid);
  const socketTimes: number[] = [];
  const bareTimes: number[] = [];
  // Alternating blocks rather than single writes: a bare fsync right before each save would land
  // in the disk's journal commit of the one before, and measure the two writers' collision.
  for (let i = 0; i < SAVES; i++) {
    if (i % BLOCK === 0) {
      for (let k = 0; k < BLOCK; k++) bareTimes.push(bare.write(i + k));
      await sleep(5); // the disk settles before the next writer, for both kinds alike
    }
    const t = performance.now();
    await save(i);
    socketTimes.push(performance.now() - t);
  }
  bare.close();
  socket.close();
  // CPU the host spent per save: unlike wall time, it does not swell when the machine is busy.
  const cpuPerSave = (cpuMsOf(pid) - cpuBefore) / SAVES;
  // For reference: the same saves over the HTTP bridge (the page's fallback), on one kept-alive
  // connection as a browser keeps it, with the same warm-up and count.
  const bridge = new KeepAliveBridge(url, c.token!);
  const viaHttp: number[] = [];
  const httpSave = async (i: number) => {
    const status = await bridge.call('saveAnswer', answers[i % answers.length]!);
    if (status !== 200) throw new Error(`saveAnswer answered ${status}`);
  };
  for (let i = 0; i < WARM_UP; i++) await httpSave(i);
  for (let i = 0; i < SAVES; i++) {
    const t = performance.now();
    await httpSave(i);
    viaHttp.push(performance.now() - t);
  }
  bridge.close();
  for (const email of emails.slice(1, 31)) {
    const s = new KioskClient(url);
    await s.ok('login', { email, password: SEED_PASSWORD });
    await s.ok('progress', {});
  }
  const { rssMb, peakMb } = rssOf(pid);
  const sorted = (a: number[]) => a.sort((x, y) => x - y);
  return {
    socket: sorted(socketTimes),
    http: sorted(viaHttp),
    bare: sorted(bareTimes),
    cpuPerSave,
    rssMb,
    peakMb,
  };
}

export async function benchKiosk(): Promise<Record<string, number>> {
  const dataDir = tempDir('bench-kiosk-');
  // A server that is not there: the host works offline, as in a class whose link is down.
  const { emails } = await seedKioskStore(dataDir, { participants: PARTICIPANTS, serverUrl: 'http://127.0.0.1:9' });
  const host = compileHost();
  let main;
  try {
    const shipped = await startHost(host.entry, ['--data', dataDir]);
    try {
      main = await exercise(shipped.url, shipped.pid, emails);
    } finally {
      await shipped.stop();
    }
  } finally {
    host.remove();
  }
  const bare = main.bare;
  const out = {
    'kiosk.save_socket_p50_ms': round(quantile(main.socket, 0.5)),
    'kiosk.save_socket_p99_ms': round(quantile(main.socket, 0.99)),
    'kiosk.save_http_keepalive_p50_ms': round(quantile(main.http, 0.5)),
    'kiosk.save_http_keepalive_p99_ms': round(quantile(main.http, 0.99)),
    'kiosk.bare_durable_write_p50_ms': round(quantile(bare, 0.5)),
    'kiosk.bare_durable_write_p99_ms': round(quantile(bare, 0.99)),
    'kiosk.save_host_cpu_ms': round(main.cpuPerSave),
    'kiosk.host_rss_mb': main.rssMb,
    'kiosk.host_rss_peak_mb': main.peakMb,
    'kiosk.store_participants': PARTICIPANTS,
  };
  for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(36)} ${v}`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchKiosk());
