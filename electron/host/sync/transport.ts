/**
 * JSON over HTTP(S) to the central server through node:http, so that HTTP(S)_PROXY is honoured
 * (see proxy.ts). Every call has a deadline: a school's link that hangs must not hang the kiosk.
 */
import http from 'node:http';
import https from 'node:https';
import { agentFor } from './proxy.ts';

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** No answer at all: the server is down, unreachable, or too slow. */
export class NetworkError extends Error {}

/** A request body serialised ahead of its sending (the next push batch, while one is out). */
export class JsonBody {
  private constructor(readonly bytes: Buffer) {}
  static of(value: unknown): JsonBody {
    return new JsonBody(Buffer.from(JSON.stringify(value)));
  }
}

export interface RequestOptions {
  method: 'GET' | 'POST';
  /** Sent as its JSON; a JsonBody as the bytes it holds. */
  body?: unknown;
  credential?: string | undefined;
  timeoutMs: number;
}

const MAX_BODY = 64 * 1024 * 1024;

export function requestJson(url: URL, opts: RequestOptions): Promise<HttpAnswer> {
  const payload =
    opts.body === undefined
      ? undefined
      : opts.body instanceof JsonBody
        ? opts.body.bytes
        : Buffer.from(JSON.stringify(opts.body));
  const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = payload.length;
  }
  if (opts.credential) headers.authorization = `Bearer ${opts.credential}`;
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: opts.method, headers, agent: agentFor(url), timeout: opts.timeoutMs });
    const deadline = setTimeout(() => req.destroy(new NetworkError('timeout')), opts.timeoutMs);
    req.on('timeout', () => req.destroy(new NetworkError('timeout')));
    req.on('error', (err) => {
      clearTimeout(deadline);
      reject(err instanceof NetworkError ? err : new NetworkError(err.message));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy(new NetworkError('answer too large'));
        else chunks.push(c);
      });
      res.on('error', (err) => req.destroy(err));
      res.on('end', () => {
        clearTimeout(deadline);
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          body = { error: { code: 'BAD_ANSWER', message: text.slice(0, 200) } };
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.end(payload);
  });
}
