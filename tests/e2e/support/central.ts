/**
 * The real central server for the end-to-end tests, in the test's own process: SQLite in a file,
 * so it can be stopped and started again on the same port over the same store (a school's link
 * going down and coming back), seeded like the demo and answering with the short test pack.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../sync-server/config.ts';
import { migrateCentral, openCentralStore, type CentralStore } from '../../../sync-server/db/connect.ts';
import { seedDemo } from '../../../sync-server/demo-seed.ts';
import { createEnrollmentCode } from '../../../sync-server/devices/devices.service.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../../sync-server/server.ts';
import { obtainTariff } from '../../../sync-server/tariffs/tariffs.service.ts';
import type { ServerContext } from '../../../sync-server/context.ts';
import { TEST_PACK_FILE } from '../../support/factories.ts';
import { ownOrigin } from './own-origins.ts';

export interface Central {
  url: string;
  /** The demo school's tariff code (30 places). */
  code: string;
  ctx(): ServerContext;
  /** A fresh one-time code to enrol one more kiosk of the demo school. */
  enrollmentCode(): Promise<string>;
  /** A new tariff of the demo school with this many places; returns its code. */
  newCode(places: number): Promise<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** `now`: the server's clock (a test moves it past a campaign date); the machine's by default. */
export async function startCentral(opts: { now?: () => number } = {}): Promise<Central> {
  const dir = mkdtempSync(join(tmpdir(), 'moe-e2e-central-'));
  const store: CentralStore = openCentralStore({ sqlitePath: join(dir, 'central.sqlite') });
  await migrateCentral(store.db);
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const env = { PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dir, CONTENT_PACK_FILE: TEST_PACK_FILE };
  let config = loadConfig(env);
  let server: RunningServer | null = await startServer({ config, store, log, now: opts.now });
  // The same port after a restart: the kiosks keep the address they were given.
  config = { ...config, port: server.port };
  const seeded = await seedDemo(server.ctx);
  if (!seeded.code) throw new Error('the demo school got no tariff');
  const code = seeded.code;
  ownOrigin(server.url);
  const school = await server.ctx.db.selectFrom('schools').selectAll().executeTakeFirstOrThrow();
  const coorganizer = await server.ctx.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', seeded.coorganizerEmail)
    .executeTakeFirstOrThrow();
  const running = () => {
    if (!server) throw new Error('the central server is stopped');
    return server;
  };

  return {
    url: server.url,
    code,
    ctx: () => running().ctx,
    enrollmentCode: async () => (await createEnrollmentCode(running().ctx, school.id, coorganizer.id)).code,
    newCode: async (places) => (await obtainTariff(running().ctx, { userId: coorganizer.id, school }, places)).code,
    stop: async () => {
      await server?.close();
      server = null;
    },
    start: async () => {
      server ??= await startServer({ config, store, log, now: opts.now });
    },
    close: async () => {
      await server?.close();
      server = null;
      await store.close();
    },
  };
}
