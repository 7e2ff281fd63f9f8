/**
 * GET /kiosk-host: which kiosk host answers on this port, and for which data folder, so that
 * `npm run demo` can tell its own kiosk left running from a stranger on the port. Only for
 * this machine, as the API: the Host header must name the loopback address (no DNS rebinding),
 * and a web page elsewhere cannot read the answer (no CORS headers).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { loopbackHosts } from './http-bridge.ts';
import { securityHeaders } from './static.ts';

export const IDENTITY_PATH = '/kiosk-host';

/** sync-server/demo.ts reads this shape (it may not import the host, so it checks its own copy). */
export const KioskHostIdentity = z.object({
  app: z.literal('moe-budushchee-kiosk'),
  pid: z.number().int(),
  dataDir: z.string(),
});
export type KioskHostIdentity = z.infer<typeof KioskHostIdentity>;

export function isIdentityRequest(req: IncomingMessage): boolean {
  return new URL(req.url ?? '/', 'http://localhost').pathname === IDENTITY_PATH;
}

export function serveIdentity(req: IncomingMessage, res: ServerResponse, port: number, dataDir: string): void {
  securityHeaders(res);
  const json = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  if (!loopbackHosts(port).has(req.headers.host ?? '')) {
    res.writeHead(403, json).end(JSON.stringify({ error: { code: 'FOREIGN_SENDER', message: 'Чужой адрес.' } }));
    return;
  }
  const body: KioskHostIdentity = { app: 'moe-budushchee-kiosk', pid: process.pid, dataDir };
  res.writeHead(200, json).end(JSON.stringify(body));
}
