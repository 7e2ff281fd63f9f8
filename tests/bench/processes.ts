/**
 * The processes the benches measure from outside: the kiosk host compiled as the desktop app ships
 * it, and the CPU time and peak memory of any process (Linux /proc).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Dialect } from '../../sync-server/db/connect.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** User + system CPU time of a process so far, from /proc (Linux; clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory now and at its peak (VmHWM), in MB. */
export function rssOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/**
 * The host compiled as the desktop app ships it (electron/tsconfig.json), into a fresh folder
 * inside the repository (git-ignored), so node_modules and "type": "module" apply. `remove()`
 * deletes it again.
 */
export function compileHost(): { entry: string; remove(): void } {
  const outDir = resolve(ROOT, 'electron/dist/bench', String(process.pid));
  // Type errors elsewhere in a shared tree must not stop the measurement: tsc emits regardless.
  spawnSync(
    process.execPath,
    [resolve(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'electron/tsconfig.json', '--outDir', outDir],
    { cwd: ROOT },
  );
  return {
    entry: join(outDir, 'electron/host/main.js'),
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

/** The V8 flag the kiosk ships with (package.json "kiosk"; app.commandLine in the Electron shell). */
export const KIOSK_V8_FLAG = '--max-semi-space-size=2';

export interface HostProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn to «kiosk listening». */
  startMs: number;
  /** Resolves with the next JSON log line whose msg is `msg` and that `accept` takes. */
  next(msg: string, accept?: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts the compiled host as its own process and waits until it listens. */
export function startHost(
  entry: string,
  args: string[],
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<HostProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [KIOSK_V8_FLAG, ...nodeFlags, entry, '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const lines: Record<string, unknown>[] = [];
  const waiters: {
    msg: string;
    accept: (l: Record<string, unknown>) => boolean;
    ok: (l: Record<string, unknown>) => void;
  }[] = [];
  let buf = '';
  child.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const text = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
      }
      const w = waiters.findIndex((x) => x.msg === line.msg && x.accept(line));
      if (w >= 0) waiters.splice(w, 1)[0]!.ok(line);
      else lines.push(line);
    }
  });
  const next = (msg: string, accept: (l: Record<string, unknown>) => boolean = () => true) => {
    const i = lines.findIndex((l) => l.msg === msg && accept(l));
    if (i >= 0) return Promise.resolve(lines.splice(i, 1)[0]!);
    return new Promise<Record<string, unknown>>((ok, fail) => {
      waiters.push({ msg, accept, ok });
      void exited.then(() => fail(new Error(`kiosk host exited before «${msg}»`)));
    });
  };
  return next('kiosk listening').then((l) => ({
    url: String(l.url),
    pid: child.pid!,
    child,
    startMs: performance.now() - t0,
    next,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  }));
}

export interface Central {
  url: string;
  code: string;
  enrollment: string[];
  schoolId: string;
  pgSchema: string | null;
  pid: number;
  dir: string;
  stop(): Promise<void>;
}

/**
 * The central server as its own process (tests/bench/central-process.ts): one school with a code
 * of `capacity` places, `kiosks` enrollment codes and, when an e-mail is given, a co-organizer.
 */
export function startCentral(
  dialect: Dialect,
  school: { kiosks: number; capacity: number; coorganizerEmail?: string },
  nodeFlags: string[] = [],
): Promise<Central> {
  const dir = mkdtempSync(join(tmpdir(), 'moe-bench-central-'));
  const args = [
    dialect,
    dir,
    String(school.kiosks),
    String(school.capacity),
    ...(school.coorganizerEmail ? [school.coorganizerEmail] : []),
  ];
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', 'tests/bench/central-process.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const info = JSON.parse(out.slice(0, nl)) as Omit<Central, 'pid' | 'stop' | 'dir'>;
      ok({
        ...info,
        pid: child.pid!,
        dir,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      });
    });
    void exited.then(() => fail(new Error(`central server exited: ${out}`)));
  });
}
