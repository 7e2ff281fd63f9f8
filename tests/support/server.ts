/** Starts a real server node on a free port over a fresh store of the given dialect. */
import { loadConfig, type Config } from '../../sync-server/config.ts';
import type { Dialect } from '../../sync-server/db/connect.ts';
import { createLogger } from '../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../sync-server/server.ts';
import { freshStore } from './dialects.ts';

export interface TestServer extends RunningServer {
  /** Moves the server's clock (ms since epoch); date rules follow it. */
  setNow(ms: number): void;
  stop(): Promise<void>;
}

export async function startTestServer(dialect: Dialect, overrides: Partial<Config> = {}): Promise<TestServer> {
  const store = await freshStore(dialect);
  let now = Date.now();
  const config = { ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/moe-test' }), ...overrides };
  const server = await startServer({
    config,
    store,
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    now: () => now,
  });
  return {
    ...server,
    setNow: (ms) => {
      now = ms;
    },
    stop: async () => {
      await server.close();
      await store.close();
    },
  };
}
