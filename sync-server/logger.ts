/**
 * Structured logs (pino). Personal data never enters a log line: request bodies are not logged,
 * and the known personal fields are redacted wherever they appear as a safety net.
 */
import { pino, type Logger } from 'pino';

const personal = [
  'password',
  'passwordHash',
  'password_hash',
  'email',
  'surname',
  'name',
  'fullName',
  'full_name',
  'credential',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { svc: 'sync-server' },
      redact: {
        paths: [
          ...personal,
          ...personal.map((p) => `*.${p}`),
          ...personal.map((p) => `*.*.${p}`),
          'req.headers.cookie',
          'req.headers.authorization',
        ],
        censor: '[скрыто]',
      },
    },
    destination,
  );
}

export type { Logger };
