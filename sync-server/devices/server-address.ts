/**
 * «Адрес сервера» for a classroom PC's first start. The configured PUBLIC_URL wins. Otherwise the
 * address the teacher's own browser reached the server at is the best guess (a central server, a
 * reverse proxy, a school server's LAN name), unless it is loopback: a teacher on the server's
 * computer opens http://127.0.0.1:PORT, which no other PC can reach. Only then does the answer
 * come from HOST and this computer's network interfaces, and a server listening only on loopback
 * says so, with the addresses it will have once started with HOST=0.0.0.0. Interface addresses are
 * thus shown only to someone already sitting at the server.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { ServerAddress } from '../../core/contracts/api.ts';
import type { Config } from '../config.ts';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** How the enrollment request reached the server. */
export interface SeenRequest {
  /** The page's origin as the browser (or, with TRUST_PROXY, the proxy) gave it: `https://moe.example.ru`. */
  origin: string;
  /** The port this server really listens on (PORT=0 picks a free one). */
  localPort: number;
}

const isLoopback = (host: string) =>
  /^(localhost|.+\.localhost)\.?$/i.test(host) || /^127\./.test(host) || host === '::1' || host === '[::1]';
const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]';
const urlOf = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/** The origin unless it is loopback or not an origin at all (a garbled Host header). */
function reachableOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    // A browser on Linux opens http://0.0.0.0:PORT on its own computer, so that is loopback here too.
    const here = isLoopback(url.hostname) || isWildcard(url.hostname);
    return url.hostname && !here ? url.origin : null;
  } catch {
    return null;
  }
}

const isPrivate = (a: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a);
// Docker, VM and VPN adapters: reachable from this computer, rarely from a classroom PC. They go
// last rather than away: on Windows with Hyper-V the real network card is itself a «vEthernet».
const isVirtual = (name: string) =>
  /^(docker|br-|veth|virbr|vbox|vmnet|vethernet|tun|tap|wg|tailscale|zt|utun)/i.test(name);

/** This computer's IPv4 addresses in the school network, as URLs on `port`, the likeliest first. */
function lanUrls(interfaces: Interfaces, port: number): string[] {
  return (
    Object.entries(interfaces)
      .flatMap(([name, list]) => (list ?? []).map((i) => ({ name, ...i })))
      // 169.254.x.x is what a card gives itself when no network answered: nobody else reaches it.
      .filter((i) => !i.internal && i.family === 'IPv4' && !i.address.startsWith('169.254.'))
      .map((i) => ({ address: i.address, rank: (isVirtual(i.name) ? 2 : 0) + (isPrivate(i.address) ? 0 : 1) }))
      .sort((a, b) => a.rank - b.rank)
      .map((i) => urlOf(i.address, port))
  );
}

export function classroomAddress(
  config: Pick<Config, 'host' | 'publicUrl'>,
  seen: SeenRequest,
  interfaces: Interfaces = networkInterfaces(),
): ServerAddress {
  const port = seen.localPort;
  if (config.publicUrl) return { urls: [config.publicUrl.replace(/\/+$/, '')], loopbackOnly: false, port };
  const origin = reachableOrigin(seen.origin);
  if (origin) return { urls: [origin], loopbackOnly: false, port };
  if (isLoopback(config.host)) return { urls: lanUrls(interfaces, port), loopbackOnly: true, port };
  if (isWildcard(config.host)) return { urls: lanUrls(interfaces, port), loopbackOnly: false, port };
  return { urls: [urlOf(config.host, port)], loopbackOnly: false, port };
}
