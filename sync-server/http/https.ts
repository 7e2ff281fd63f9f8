/** Whether the server's public address is https: then cookies are Secure and HSTS is sent. */
import type { Request } from 'express';
import type { Config } from '../config.ts';

export function isHttpsPublic(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl?.startsWith('https:') ?? false;
}

/**
 * Secure when PUBLIC_URL is https, whatever a proxy in front says (a proxy that forgets
 * X-Forwarded-Proto must not make the session cookie travel in clear), or when this request came
 * over https (TRUST_PROXY=1 and X-Forwarded-Proto: https).
 */
export function secureCookies(config: Pick<Config, 'publicUrl'>, req: Request): boolean {
  return isHttpsPublic(config) || req.secure;
}
