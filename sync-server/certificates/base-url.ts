/**
 * Where the verification page lives, as certificates' QR codes print it: the configured public
 * address, else the address the browser used (req.host follows X-Forwarded-Host only with
 * TRUST_PROXY=1, as «Подключить компьютер»'s address does), except a loopback one, which no
 * parent's phone can open: then this computer's network address, as classroom PCs are shown.
 */
import { hostname } from 'node:os';
import type { Request } from 'express';
import type { Config } from '../config.ts';
import { classroomAddress } from '../devices/server-address.ts';

export function publicBaseUrl(config: Config, req: Request): string {
  const origin = `${req.protocol}://${req.host ?? 'localhost'}`;
  const address = classroomAddress(config, { origin, localPort: req.socket.localPort ?? config.port });
  // No network card at all: the computer's name, which at least is not this very phone.
  return address.urls[0] ?? `${req.protocol}://${hostname()}:${address.port}`;
}

/**
 * The address a link handed from one person to another names (a co-organizer's set-password
 * link): the configured public address, else the one the organizer's own browser used, which
 * is where the organizer knows the server to be.
 */
export function linkBaseUrl(config: Config, req: Request): string {
  return config.publicUrl ?? `${req.protocol}://${req.host ?? 'localhost'}`;
}

/**
 * An address only a local network is sure to reach: an IP literal (a LAN card's address is what
 * stands in for a loopback one), `localhost`, or a single-label name. A domain name is public.
 */
function isLocalHost(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[') || !host.includes('.') || /\.localhost$/i.test(host);
}

/** The QR address and whether a parent's phone anywhere can open it (the cabinet warns when not). */
export function certificateAddress(config: Config, req: Request): { url: string; everywhere: boolean } {
  const url = publicBaseUrl(config, req);
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    // An unparsable address is reachable by nobody.
  }
  return { url, everywhere: !!config.publicUrl || (host !== '' && !isLocalHost(host)) };
}
