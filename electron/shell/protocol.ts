/**
 * Serves the built screens under app://kiosk/ from renderer/dist, with the strict CSP on every
 * answer. Registered as a standard, secure scheme so the page gets a real origin (not file://).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/csp.ts';
import { fileFor } from '../host/static.ts';
import { APP_SCHEME, isAppAddress } from './origin.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
    const file = isAppAddress(request.url) ? fileFor(rendererDir, new URL(request.url).pathname) : undefined;
    if (!file) return new Response('Не найдено.', { status: 404, headers });
    try {
      const body = await readFile(file);
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: { ...headers, 'content-type': type } });
    } catch {
      return new Response('Не найдено.', { status: 404, headers });
    }
  });
}
