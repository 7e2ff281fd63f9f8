/**
 * A real kiosk host in browser mode, as its own process and as `npm run kiosk` runs it (compiled by
 * `npm run build:host`, which `npm test` runs before Playwright), so a test can kill it with SIGKILL
 * like a power cut and start it again over the same data directory and port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ownOrigin } from './own-origins.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const HOST_ENTRY = ['--max-semi-space-size=2', 'electron/dist/electron/host/main.js'];

export interface KioskHost {
  url: string;
  dataDir: string;
  /** SIGKILL: no shutdown hooks, no flush, like pulling the plug. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kiosk host exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/kiosk-api/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`kiosk host did not start at ${url}:\n${log()}`);
}

export async function startKioskHost(serverUrl: string): Promise<KioskHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'moe-e2e-kiosk-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  ownOrigin(url);
  let child: ChildProcess | null = null;
  let output = '';

  const start = async () => {
    output = '';
    child = spawn(process.execPath, [...HOST_ENTRY, '--port', String(port), '--data', dataDir, '--server', serverUrl], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitUntilUp(url, child, () => output);
  };

  const end = async (signal: NodeJS.Signals) => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
  };

  await start();
  return { url, dataDir, start, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
