/**
 * Browser mode: the kiosk core plus a small HTTP server on 127.0.0.1 that serves the built
 * screens and carries the kiosk API, over HTTP and over a WebSocket. Several hosts may run side by side on one machine, each
 * with its own data folder and port (a second host on a folder is refused: data-lock.ts). Tests
 * start it in-process.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { startKioskCore, type KioskCoreOptions } from './core.ts';
import { handleApi, isApiRequest, loopbackHosts } from './http-bridge.ts';
import { isIdentityRequest, serveIdentity } from './identity.ts';
import { isTrustedSender } from './router.ts';
import { attachSocketBridge } from './socket-bridge.ts';
import { RENDERER_DIST, serveStatic } from './static.ts';

export interface KioskHostOptions extends Omit<KioskCoreOptions, 'trustSender'> {
  /** 0 picks a free port. */
  port?: number;
  rendererDir?: string;
}

export interface RunningKioskHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startKioskHost(opts: KioskHostOptions): Promise<RunningKioskHost> {
  let port = opts.port ?? 0;
  // A browser's Origin must be this very host: another site in the same browser may not call.
  const trustSender = (url: URL) => url.protocol === 'http:' && loopbackHosts(port).has(url.host);
  const core = await startKioskCore({ ...opts, trustSender });
  const rendererDir = opts.rendererDir ?? RENDERER_DIST;
  const dataDir = resolve(opts.dataDir);
  const server = createServer((req, res) => {
    if (isApiRequest(req)) {
      handleApi(req, res, core.dispatch, port).catch((err: unknown) => {
        core.host.log('kiosk http: request failed', { err: String(err) });
        if (!res.headersSent) res.writeHead(500).end();
      });
    } else if (isIdentityRequest(req)) serveIdentity(req, res, port, dataDir);
    else serveStatic(req, res, rendererDir);
  });
  server.keepAliveTimeout = 5_000;
  const detachSocket = attachSocketBridge(server, {
    dispatch: core.dispatch,
    port: () => port,
    trustOrigin: (origin) => isTrustedSender(trustSender, origin),
    log: (msg, data) => core.host.log(msg, data),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    // The port is taken (EADDRINUSE): give the data folder back rather than hold it unreachable.
    detachSocket();
    await core.close();
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  core.dataLock.announce(`http://127.0.0.1:${port}`);
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      (closing ??= (async () => {
        detachSocket();
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeAllConnections();
        await closed;
        await core.close();
      })()),
  };
}
