/** Where the verification page lives: the configured public address, else the request's own origin. */
import type { Request } from 'express';
import type { Config } from '../config.ts';

export function publicBaseUrl(config: Config, req: Request): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
