/**
 * Errors are values at the edge: every refusal leaves as a 4xx with a code and a Russian
 * message; anything unexpected is logged and leaves as a bare 500, never with a stack trace.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { reject, type RejectionCode } from '../../core/errors.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }

  static of(status: number, code: RejectionCode, detail?: string): HttpError {
    return new HttpError(status, code, reject(code, detail).message);
  }
}

export function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Validates input with a shared schema, or throws a 400 naming each bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = fieldsOf(result.error);
    const first = Object.values(fields)[0];
    throw new HttpError(
      400,
      'BAD_REQUEST',
      first ? `${reject('BAD_REQUEST').message} ${first}` : reject('BAD_REQUEST').message,
      fields,
    );
  }
  return result.data;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      // Too late for an answer: log it and end the connection rather than leave it hanging.
      log.error({ err, method: req.method, path: req.path }, 'request failed after its answer began');
      res.destroy();
      return;
    }
    if (err instanceof HttpError) {
      if (err.status === 503) res.setHeader('Retry-After', '2');
      res.status(err.status).json({ error: { code: err.code, message: err.message, fields: err.fields } });
      return;
    }
    // body-parser's own errors: malformed JSON, oversized or wrongly encoded bodies.
    const status =
      typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
    if (status === 413) {
      res.status(413).json({ error: reject('PAYLOAD_TOO_LARGE') });
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({
        error: { code: 'BAD_REQUEST', message: `${reject('BAD_REQUEST').message} Тело запроса не разобрано.` },
      });
      return;
    }
    log.error({ err, method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ error: reject('INTERNAL') });
  };
}
