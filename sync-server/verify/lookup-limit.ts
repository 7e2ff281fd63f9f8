/**
 * Certificate lookups per address. The check is public and a serial is its only key, so without
 * a limit a script could walk the serial space for names and schools. 60 a minute is far more
 * than a person checking a stack of certificates (or a school behind one address) needs.
 */
import type { RequestHandler } from 'express';
import type { RejectionCode } from '../../core/errors.ts';
import type { LimitStore } from '../auth/limit-store.ts';
import { RateLimited } from '../auth/rate-limited.ts';

export interface IpLimit {
  perIp: number;
  windowMs: number;
}

export const LOOKUP_LIMIT: IpLimit = { perIp: 60, windowMs: 60_000 };

/** Counts one lookup for the caller's address; past the limit, refuses with 429 and Retry-After. */
export function lookupLimit(store: LimitStore, limit = LOOKUP_LIMIT): RequestHandler {
  return ipLimit(store, 'verify', limit, 'TOO_MANY_LOOKUPS');
}

/** Counts one request of `name` for the caller's address; past `limit`, refuses with `code`. */
export function ipLimit(store: LimitStore, name: string, limit: IpLimit, code: RejectionCode): RequestHandler {
  return async (req, _res, next) => {
    const w = await store.hit(`${name}:ip:${req.ip ?? 'unknown'}`, limit.windowMs);
    if (w.count > limit.perIp) throw RateLimited.refuse(code, w.resetInMs);
    next();
  };
}
