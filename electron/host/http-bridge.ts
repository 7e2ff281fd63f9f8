/**
 * Browser mode's bridge: the kiosk API over HTTP on 127.0.0.1. POST /kiosk-api/:channel with a
 * JSON body; a refusal is a 4xx {error: KioskError}; the participant's session token travels in
 * X-Kiosk-Session. Only this machine's own page may call: the Host header must name the
 * loopback address (no DNS rebinding) and a browser's Origin must be the kiosk's own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatch } from './router.ts';
import { securityHeaders } from './static.ts';

export const SESSION_HEADER = 'x-kiosk-session';
const API_PREFIX = '/kiosk-api/';
export const MAX_BODY = 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown, session?: string | null): void {
  securityHeaders(res);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (session) headers[SESSION_HEADER] = session;
  res.writeHead(status, headers).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

export function isApiRequest(req: IncomingMessage): boolean {
  return (req.url ?? '').startsWith(API_PREFIX);
}

export function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  dispatch: Dispatch,
  port: number,
): Promise<void> {
  const refuse = (status: number, code: string, message: string) => send(res, status, { error: { code, message } });
  if (!loopbackHosts(port).has(req.headers.host ?? '')) return refuse(403, 'FOREIGN_SENDER', 'Чужой адрес.');
  if (req.method !== 'POST') return refuse(405, 'METHOD', 'Только POST.');
  // A cross-site form cannot send JSON with this content type without a CORS preflight we never grant.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return refuse(415, 'INVALID_INPUT', 'Нужен JSON.');
  }
  const raw = await readBody(req);
  if (raw === null) return refuse(413, 'INVALID_INPUT', 'Запрос слишком большой.');
  let input: unknown;
  try {
    input = raw ? JSON.parse(raw) : {};
  } catch {
    return refuse(400, 'INVALID_INPUT', 'Запрос не разобран.');
  }
  const channel = decodeURIComponent(new URL(req.url ?? '', 'http://localhost').pathname.slice(API_PREFIX.length));
  const token = req.headers[SESSION_HEADER];
  const sessionId = typeof token === 'string' && token ? token : null;
  const origin = req.headers.origin;
  const result = await dispatch(channel, input, { sessionId, senderUrl: origin === undefined ? undefined : origin });
  const renewed = result.sessionId !== sessionId ? result.sessionId : null;
  if (result.ok) send(res, 200, result.value, renewed);
  else send(res, result.status, { error: result.error }, renewed);
}
