/**
 * Guessing through the sync API is as slow as at staff sign-in: a student's password through the
 * kiosk lookup, and an enrollment code. Counted in the shared LimitStore (Redis across nodes,
 * each node's own memory when Redis is down), failures only, per address and per account.
 */
import type { EnrollResponse } from '../../core/contracts/sync.ts';
import type { LimitStore } from '../auth/limit-store.ts';
import { LoginLimiter } from '../auth/login-limiter.ts';
import { RateLimited } from '../auth/rate-limited.ts';
import type { ServerContext } from '../context.ts';
import { enrollDevice, type EnrollInput } from '../devices/devices.service.ts';
import { HttpError } from '../http/errors.ts';

const WINDOW_MS = 15 * 60_000;
/** A class signs in behind one school address: the address-wide count is a class's typos and more. */
export const LOOKUP_LIMITS = { perAccount: 5, perIp: 100, windowMs: WINDOW_MS };
/** A technician enrolling a lab mistypes a code now and then; a script trying codes stops here. */
export const ENROLL_LIMITS = { perAccount: 10, perIp: 10, windowMs: WINDOW_MS };

export function lookupLimiter(store: LimitStore): LoginLimiter {
  return new LoginLimiter(store, LOOKUP_LIMITS, 'lookup');
}

export function enrollLimiter(store: LimitStore): LoginLimiter {
  return new LoginLimiter(store, ENROLL_LIMITS, 'enroll');
}

/** Enrolls, counting a wrong code against the address; past the limit, refuses before trying. */
export async function enrollCounted(
  ctx: ServerContext,
  limiter: LoginLimiter,
  ip: string,
  input: EnrollInput,
): Promise<EnrollResponse> {
  const waitMs = await limiter.blockedForMs(ip, '');
  if (waitMs > 0) throw RateLimited.refuse('TOO_MANY_ENROLLS', waitMs);
  try {
    return await enrollDevice(ctx, input);
  } catch (err) {
    if (err instanceof HttpError && err.code === 'ENROLLMENT_INVALID') await limiter.recordFailure(ip, '');
    throw err;
  }
}
