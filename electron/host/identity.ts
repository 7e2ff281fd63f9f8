/**
 * GET /kiosk-host: which kiosk host answers on this port, and for which data folder, so that
 * `npm run demo` can tell its own kiosk left running from a stranger on the port. Only for
 * this machine, as the API: the Host header must name the loopback address (no DNS rebinding),
 * and a web page elsewhere cannot read the answer (no CORS headers).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KIOSK_IDENTITY_PATH, type KioskHostIdentity } from '../../core/contracts/kiosk-host.ts';
import { loopbackHosts } from './http-bridge.ts';
import { securityHeaders } from './static.ts';

export function isIdentityRequest(req: IncomingMessage): boolean {
  return new URL(req.url ?? '/', 'http://localhost').pathname === KIOSK_IDENTITY_PATH;
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
