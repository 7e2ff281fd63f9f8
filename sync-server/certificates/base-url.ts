/**
 * Where the verification page lives: the configured public address, else the request's own
 * origin (req.host follows X-Forwarded-Host only with TRUST_PROXY=1, as «Подключить компьютер»'s
 * address does).
 */
import type { Request } from 'express';
import type { Config } from '../config.ts';

export function publicBaseUrl(config: Config, req: Request): string {
  return config.publicUrl ?? `${req.protocol}://${req.host ?? 'localhost'}`;
}
