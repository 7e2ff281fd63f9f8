/**
 * Security headers for every response; a strict CSP, since nothing loads from outside. With
 * PUBLIC_URL on https the server is only ever meant to be reached over https: HSTS says so.
 */
import type { RequestHandler } from 'express';
import type { Config } from '../config.ts';
import { isHttpsPublic } from './https.ts';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function securityHeaders(config: Pick<Config, 'publicUrl'>): RequestHandler {
  const hsts = isHttpsPublic(config);
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    if (hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}
