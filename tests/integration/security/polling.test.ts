/**
 * socket.io owns /socket.io/: its long-polling transport never reaches Express, so the three
 * requests of a polling session (open, poll, send) cannot end the process. Runs `npm run server`
 * itself, as production does, so an uncaught error would show as a dead child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';

let child: ChildProcess;
let url: string;
let exited: number | null = null;
let output = '';
const dataDir = mkdtempSync(join(tmpdir(), 'moe-polling-'));

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '', REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.on('exit', (code) => (exited = code ?? -1));
  child.stderr!.on('data', (d) => (output += String(d)));
  url = await new Promise<string>((resolve, reject) => {
    child.once('exit', () => reject(new Error(`server exited: ${output}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += `${line}\n`;
      const m = /"url":"([^"]+)"/.exec(line);
      if (m) resolve(m[1]!);
    });
  });
}, 60_000);

afterAll(async () => {
  if (exited === null) {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

it('survives a polling session: open, poll with its sid, POST 40 as text/plain', async () => {
  const open = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
  const opened = await open.text();
  expect(open.status).toBe(200);
  const sid = /"sid":"([^"]+)"/.exec(opened)?.[1];
  expect(sid).toBeTruthy();

  // A long poll is held open until the server has something to say: the POST below gives it.
  const poll = fetch(`${url}/socket.io/?EIO=4&transport=polling&sid=${sid}`).then(async (r) => ({
    status: r.status,
    text: await r.text(),
  }));

  const sent = await fetch(`${url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: '40',
  });
  const sentText = await sent.text();
  expect(sentText).not.toMatch(/at .*\.(ts|js):\d+/);
  expect(sent.status).toBeLessThan(500);
  const polled = await poll;
  expect(polled.status).toBeLessThan(500);
  // No credential: socket.io refuses the namespace in its own protocol.
  expect(polled.text).toMatch(/UNAUTHORIZED/);

  // Still alive and answering.
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  expect(exited).toBeNull();
  expect(output).not.toMatch(/ERR_HTTP_HEADERS_SENT/);
});
