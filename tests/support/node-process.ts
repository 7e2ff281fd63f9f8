/**
 * Server nodes as real processes, started as `npm run server` starts one (sync-server/main.ts
 * through tsx), on one PostgreSQL schema and one Redis: what runs behind a reverse proxy. The test
 * process keeps its own connection to the same schema to seed data and to read what was stored.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '../../sync-server/config.ts';
import type { ServerContext } from '../../sync-server/context.ts';
import type { CentralStore } from '../../sync-server/db/connect.ts';
import { createLogger } from '../../sync-server/logger.ts';
import { PG_URL } from './dialects.ts';
import { TEST_PACK_FILE } from './factories.ts';
import { waitForOutput } from './process.ts';

export interface NodeProcess {
  url: string;
  child: ChildProcess;
  /** Everything the node printed so far (pino JSON lines). */
  output(): string;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** DATABASE_URL of a PostgreSQL schema, as a deployment that keeps its tables in one would set it. */
export function pgUrlOf(schema: string): string {
  return `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/**
 * Spawns node with `args`; with `openFiles`, through a shell that first raises its limit of open
 * files (each socket is one: 10 000 clients need more than the usual 1 024) and then execs node,
 * so the child's pid is node's own.
 */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, openFiles?: number): ChildProcess {
  const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
  if (!openFiles) return spawn(process.execPath, args, { env, stdio });
  const raise = `ulimit -n ${openFiles} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`;
  return spawn('/bin/sh', ['-c', raise, process.execPath, ...args], { env, stdio });
}

/** Starts `sync-server/main.ts` on a free port and resolves once it listens. */
export async function startNode(env: Record<string, string>, opts: { openFiles?: number } = {}): Promise<NodeProcess> {
  const child = spawnNode(
    ['--import', 'tsx', resolve('sync-server/main.ts')],
    { ...process.env, PORT: '0', LOG_LEVEL: 'info', CONTENT_PACK_FILE: TEST_PACK_FILE, ...env },
    opts.openFiles,
  );
  const exited = new Promise<number | NodeJS.Signals | null>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal)),
  );
  const ready = await waitForOutput(child, /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"server listening"/, 'server node');
  return { url: ready.match[1]!, child, output: ready.output, exited };
}

/** Stops a node as its service manager would (SIGTERM) and waits for it to exit. */
export async function stopNode(node: NodeProcess): Promise<void> {
  if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGTERM');
  await node.exited;
}

/** A context over the shared store for factories and reads in the test process (no server of its own). */
export function storeContext(store: CentralStore): ServerContext {
  return {
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    store,
    db: store.db,
    log: createLogger('silent'),
    now: Date.now,
    nudge: () => {},
  };
}
