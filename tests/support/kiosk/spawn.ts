/**
 * Runs the kiosk host's main as a separate process group, as a school PC would, so a test can kill
 * it outright (SIGKILL to the whole group) and start it again. From source through tsx: test files
 * run in parallel, and `npm run kiosk` compiles into one shared folder first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { READY_LIMIT_MS } from '../process.ts';

export interface SpawnedKiosk {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the host printed so far, stdout and stderr (its log lines). */
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../../..');

/** The host ended before it listened: its exit code and what it printed. */
export class KioskExited extends Error {
  constructor(
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`kiosk exited (${code}): ${stdout} ${stderr}`);
  }
}

export function spawnKiosk(args: string[], env: Record<string, string> = {}): Promise<SpawnedKiosk> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/main.ts', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signalGroup = async (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
    await exited;
  };
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    // Generous (support/process.ts): a slow machine starts the host later, not never.
    const timer = setTimeout(() => reject(new Error(`kiosk did not start: ${out} ${err}`)), READY_LIMIT_MS);
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /"msg":"kiosk listening","url":"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({
          url: m[1]!,
          pid: child.pid!,
          child,
          output: () => out + err,
          kill9: () => signalGroup('SIGKILL'),
          stop: () => signalGroup('SIGTERM'),
        });
      }
    });
    // 'close', not 'exit': by then everything the host printed has been read.
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new KioskExited(code, out, err));
    });
  });
}
