/**
 * The screens' index.html as the central server sends it: marked as served by the server (see
 * core/contracts/page-host.ts), read on every request so a rebuild of the screens is picked up.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RequestHandler } from 'express';
import { SERVER_PAGE_META } from '../../core/contracts/page-host.ts';

export function markServerShell(html: string): string {
  const meta = `<meta name="${SERVER_PAGE_META.name}" content="${SERVER_PAGE_META.content}" />`;
  return html.replace('</head>', `  ${meta}\n  </head>`);
}

export function serveShell(rendererDir: string): RequestHandler {
  const file = resolve(rendererDir, 'index.html');
  return async (_req, res) => {
    const html = await readFile(file, 'utf8');
    res.set('Cache-Control', 'no-cache').type('html').send(markServerShell(html));
  };
}
