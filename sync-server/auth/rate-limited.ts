/**
 * The one refusal every rate limit gives: 429 with a code, a Russian reason and Retry-After, so
 * a client (or a person) knows how long to wait instead of retrying at once.
 */
import type { ErrorRequestHandler } from 'express';
import { reject, type RejectionCode } from '../../core/errors.ts';
import { HttpError } from '../http/errors.ts';

export class RateLimited extends HttpError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(429, code, message);
  }

  /** A refusal whose reason is in the message catalog. */
  static refuse(code: RejectionCode, retryAfterMs: number): RateLimited {
    return new RateLimited(code, reject(code).message, retryAfterMs);
  }

  /** Whole seconds, at least 1: Retry-After has no fractions and 0 would invite a retry storm. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.retryAfterMs / 1000));
  }
}

/** Router error middleware: adds Retry-After to a rate-limit refusal; the error edge answers. */
export const retryAfter: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof RateLimited) res.setHeader('Retry-After', String(err.retryAfterSeconds));
  next(err);
};
