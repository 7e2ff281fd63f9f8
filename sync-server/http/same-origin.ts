/**
 * Browsers cannot be made to act from another site. A cross-site form can POST with the cabinet's
 * cookie (SameSite=Lax covers only top-level navigations from other sites' links, and not every
 * browser the schools run), but it cannot set a JSON content type or a header of its own without
 * the preflight this server never grants, and its browser names the foreign Origin. So every
 * state-changing request must carry a JSON body, a device's Bearer credential or the screens'
 * own header, and an Origin, when sent, must be this server's.
 */
import type { RequestHandler } from 'express';
import { CLIENT_HEADER } from '../../core/contracts/api.ts';
import type { Config } from '../config.ts';
import { HttpError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The host (and port) an Origin names, or undefined for `null` and junk. Compared with the Host
 * the browser sent rather than with a whole origin: behind a TLS proxy without TRUST_PROXY this
 * server sees http while the page's origin is https, and the host alone is what another site
 * cannot fake.
 */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export function sameOriginOnly(config: Pick<Config, 'publicUrl'>): RequestHandler {
  const publicOrigin = config.publicUrl ? new URL(config.publicUrl).origin : undefined;
  return (req, _res, next) => {
    if (SAFE.has(req.method)) return next();
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== publicOrigin && hostOf(origin) !== req.headers.host)
      throw HttpError.of(403, 'CROSS_SITE');
    if (req.headers['sec-fetch-site'] === 'cross-site') throw HttpError.of(403, 'CROSS_SITE');
    const json = req.is('application/json') === 'application/json';
    const bearer = req.headers.authorization?.startsWith('Bearer ') ?? false;
    if (!json && !bearer && req.headers[CLIENT_HEADER] === undefined) throw HttpError.of(415, 'JSON_REQUIRED');
    next();
  };
}
