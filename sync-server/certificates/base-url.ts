/**
 * Where the verification page lives, as certificates' QR codes print it: the configured public
 * address, else the address the browser used (req.host follows X-Forwarded-Host only with
 * TRUST_PROXY=1, as «Подключить компьютер»'s address does), except a loopback one, which no
 * parent's phone can open: then this computer's network address, as classroom PCs are shown.
 */
import type { Request } from 'express';
import type { Config } from '../config.ts';
import { classroomAddress } from '../devices/server-address.ts';

export function publicBaseUrl(config: Config, req: Request): string {
  const origin = `${req.protocol}://${req.host ?? 'localhost'}`;
  const address = classroomAddress(config, { origin, localPort: req.socket.localPort ?? config.port });
  return address.urls[0] ?? origin;
}
