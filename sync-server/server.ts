/**
 * Starts one server node: store, migrations, HTTP, socket.io. Used by main.ts, the demo and the
 * tests alike, so the tests exercise exactly what runs in production.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createApp } from './app.ts';
import { openLimitStore, type LimitStore } from './auth/limit-store.ts';
import type { Config } from './config.ts';
import type { ServerContext } from './context.ts';
import { migrateOpenedStore, openCentralStore, type CentralStore } from './db/connect.ts';
import { createLogger, type Logger } from './logger.ts';
import { SOCKET_PATH, startRealtime, type Realtime } from './realtime.ts';
import { ExportJobs } from './results/export.jobs.ts';
import { failExports } from './results/export.repository.ts';
import { resultsExportServerMessages } from '../core/messages/results-export.ts';
import { settleAll } from './sync/leases.service.ts';

const SETTLE_EVERY_MS = 60_000;
import { keepRetention } from './privacy/erasure.service.ts';
import { keepSchoolStatsFresh, noteSchoolChanged } from './organizer/school-stats.service.ts';

export interface RunningServer {
  url: string;
  port: number;
  ctx: ServerContext;
  http: Server;
  /** The Express app behind `http` (every route it registers; tests walk them). */
  app: Express;
  realtime: Realtime;
  /** Stops taking requests, lets the ones in flight finish, then closes the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  /** An already open store (tests); otherwise opened from the config. */
  store?: CentralStore;
  log?: Logger;
  now?: () => number;
  /** Already open rate-limit counts (tests); otherwise opened from the config. */
  limits?: LimitStore;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { config } = opts;
  const log = opts.log ?? createLogger(config.logLevel);
  const store =
    opts.store ??
    openCentralStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, pgPoolSize: config.pgPoolSize });
  if (!opts.store) await migrateOpenedStore(store);

  const http = createServer();
  const base = { config, store, db: store.db, log, now: opts.now ?? Date.now };
  const limits = opts.limits ?? (await openLimitStore(base));
  // Bounded by the connect timeout: an unreachable Redis only makes the limits count locally.
  await limits.ready();
  const realtime = await startRealtime(http, base);
  const ctx: ServerContext = {
    ...base,
    nudge: (schoolId) => {
      noteSchoolChanged(store.db);
      realtime.nudge(schoolId);
    },
    classMoved: (schoolId) => realtime.classMoved(schoolId),
  };
  // Removes export files a stopped node left behind; its own go when it closes.
  const exportJobs = new ExportJobs(config.dataDir, log);
  const app = createApp(ctx, { realtime: () => realtime.health() }, limits, exportJobs);
  // socket.io attached first and hands the server's other listeners every request, its own
  // included; /socket.io/ is its alone (Express answering a polling request too wrote a second
  // response, and ERR_HTTP_HEADERS_SENT ended the process).
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith(`${SOCKET_PATH}/`)) return;
    app(req, res);
  });
  // Keep-alive sockets of idle kiosks must not hold shutdown hostage.
  http.keepAliveTimeout = 5_000;
  // Leases of PCs that went quiet expire even when nobody of their school syncs, and the places
  // they held confirm the students waiting for them (sync/leases.service.ts).
  const settling = setInterval(() => {
    settleAll(ctx).catch((err: unknown) => log.warn({ err: String(err) }, 'lease settling failed'));
  }, SETTLE_EVERY_MS);
  settling.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}`;
  // Recorded with each export this node builds: other nodes forward its download here.
  exportJobs.nodeUrl = config.nodeUrl ?? url;
  log.info({ url, dialect: store.dialect, redis: !!config.redisUrl }, 'server listening');
  if (!config.publicUrl) {
    log.warn(
      "PUBLIC_URL is not set: certificates print the address a browser used (this computer's network address, never 127.0.0.1), which phones outside the school network may not open; set PUBLIC_URL to the public address",
    );
  }

  const stats = keepSchoolStatsFresh(ctx);
  const retention = keepRetention(ctx);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(settling);
      await stats.stop();
      await retention.stop();
      const drained = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await realtime.close();
      await drained;
      await exportJobs.close();
      // Its archives went with its folder: the cabinets, on any node, see them as failed.
      if (exportJobs.nodeUrl)
        await failExports(
          store.db,
          { running: false, nodeUrl: exportJobs.nodeUrl },
          resultsExportServerMessages.gone,
          ctx.now(),
        ).catch((err: unknown) => log.warn({ err: String(err) }, 'exports of this node not marked failed'));
      if (!opts.limits) await limits.close();
      if (!opts.store) await store.close();
      log.info('server stopped');
    })());
  return { url, port, ctx, http, app, realtime, close };
}
