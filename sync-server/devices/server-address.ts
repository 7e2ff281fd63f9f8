/**
 * «Адрес сервера» for a classroom PC's first start. The cabinet's own address is no guide: a
 * teacher on the server's computer opens http://127.0.0.1:PORT, which no other PC can reach. The
 * configured PUBLIC_URL wins; otherwise the address follows HOST, and a server listening only on
 * loopback says so, with the addresses it will have once started with HOST=0.0.0.0.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { ServerAddress } from '../../core/contracts/api.ts';
import type { Config } from '../config.ts';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);
const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';
const urlOf = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/** This computer's IPv4 addresses in the school network, as URLs on `port`. */
function lanUrls(interfaces: Interfaces, port: number): string[] {
  return Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => !i.internal && i.family === 'IPv4')
    .map((i) => urlOf(i.address, port));
}

/** `port` is the one the server really listens on (PORT=0 picks a free one). */
export function classroomAddress(
  config: Pick<Config, 'host' | 'publicUrl'>,
  port: number,
  interfaces: Interfaces = networkInterfaces(),
): ServerAddress {
  if (config.publicUrl) return { urls: [config.publicUrl.replace(/\/+$/, '')], loopbackOnly: false, port };
  if (isLoopback(config.host)) return { urls: lanUrls(interfaces, port), loopbackOnly: true, port };
  if (isWildcard(config.host)) return { urls: lanUrls(interfaces, port), loopbackOnly: false, port };
  return { urls: [urlOf(config.host, port)], loopbackOnly: false, port };
}
