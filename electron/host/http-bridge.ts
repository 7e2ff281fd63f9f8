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

/** Past this much the sender is not a page that misjudged a size: stop reading and cut it off. */
const DRAIN_LIMIT = 16 * MAX_BODY;

/**
 * The body, or null when it is larger than MAX_BODY. An oversized body is read to its end and
 * dropped, so the 413 reaches the sender (cutting the connection mid-upload would reset it and the
 * page would see a network failure instead of the reason); a flood past DRAIN_LIMIT is cut.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const announced = Number(req.headers['content-length']);
    if (announced > DRAIN_LIMIT) return resolve(null);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else if (size > DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
    req.on('close', () => resolve(null));
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
  if (raw === null) {
    // Whatever of the body is still unread is not worth the connection.
    res.setHeader('connection', 'close');
    return refuse(413, 'INVALID_INPUT', 'Запрос слишком большой.');
  }
  let input: unknown;
  try {
    input = raw ? JSON.parse(raw) : {};
  } catch {
    return refuse(400, 'INVALID_INPUT', 'Запрос не разобран.');
  }
  let channel: string;
  try {
    channel = decodeURIComponent(new URL(req.url ?? '', 'http://localhost').pathname.slice(API_PREFIX.length));
  } catch {
    return refuse(400, 'INVALID_INPUT', 'Запрос не разобран.');
  }
  const token = req.headers[SESSION_HEADER];
  const sessionId = typeof token === 'string' && token ? token : null;
  const origin = req.headers.origin;
  const result = await dispatch(channel, input, { sessionId, senderUrl: origin === undefined ? undefined : origin });
  const renewed = result.sessionId !== sessionId ? result.sessionId : null;
  if (result.ok) send(res, 200, result.value, renewed);
  else send(res, result.status, { error: result.error }, renewed);
}
