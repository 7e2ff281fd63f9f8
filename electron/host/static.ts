/**
 * Serves the built screens (renderer/dist) in browser mode. Paths are resolved inside the folder
 * and checked to stay there; an unknown path without an extension gets index.html, since the
 * screens route on the client.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

/**
 * The built screens live at the project root's renderer/dist. The host runs from source
 * (electron/host) and compiled (electron/dist/electron/host, as `npm run kiosk` and the desktop app
 * run it), so the folder is looked for upwards rather than at a fixed depth.
 */
export const RENDERER_DIST = findUpwards(import.meta.dirname, join('renderer', 'dist'));

function findUpwards(from: string, rel: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, rel);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return resolve(from, '../..', rel); // Not built yet: the usual place.
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.pdf': 'application/pdf',
};

export function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

export function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = resolve(root, `.${decoded}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  // Client-side routes (no extension) get the app shell; a missing asset is a plain 404.
  return extname(decoded) === '' ? join(root, 'index.html') : undefined;
}

export function serveStatic(req: IncomingMessage, res: ServerResponse, root = RENDERER_DIST): void {
  securityHeaders(res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const file = fileFor(root, path);
  if (!file || !existsSync(file)) {
    const missing = !existsSync(join(root, 'index.html'));
    res.writeHead(missing ? 503 : 404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(missing ? 'Экраны киоска не собраны: выполните npm run build.' : 'Не найдено.');
    return;
  }
  const hashed = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
