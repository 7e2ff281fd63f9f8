/**
 * Certificate lookups per address. The check is public and a serial is its only key, so without
 * a limit a script could walk the serial space for names and schools. 60 a minute is far more
 * than a person checking a stack of certificates (or a school behind one address) needs.
 */
import type { RequestHandler } from 'express';
import type { LimitStore } from '../auth/limit-store.ts';
import { RateLimited } from '../auth/rate-limited.ts';

export const LOOKUP_LIMIT = { perIp: 60, windowMs: 60_000 };

/** Counts one lookup for the caller's address; past the limit, refuses with 429 and Retry-After. */
export function lookupLimit(store: LimitStore, limit = LOOKUP_LIMIT): RequestHandler {
  return async (req, _res, next) => {
    const w = await store.hit(`verify:ip:${req.ip ?? 'unknown'}`, limit.windowMs);
    if (w.count > limit.perIp) throw RateLimited.refuse('TOO_MANY_LOOKUPS', w.resetInMs);
    next();
  };
}
