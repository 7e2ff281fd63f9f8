/**
 * HTTP(S)_PROXY / NO_PROXY for the sync client and its socket. Node's fetch ignores them, so
 * requests go through node:http with an agent that opens a CONNECT tunnel through the proxy
 * (for http:// targets too, which also carries socket.io's WebSocket upgrade). Basic proxy
 * credentials in the proxy URL are sent as Proxy-Authorization.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

type Env = Record<string, string | undefined>;

/** True when NO_PROXY lists the host: exact names, domain suffixes (.example.ru, *.example.ru), `*`. */
export function bypassesProxy(target: URL, env: Env = process.env): boolean {
  const list = (env.NO_PROXY ?? env.no_proxy ?? '').split(/[\s,]+/).filter(Boolean);
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return list.some((raw) => {
    if (raw === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(raw.toLowerCase())!;
    const [name, entryPort] = [m[1]!.replace(/^\*?\./, ''), m[2]];
    if (entryPort && entryPort !== port) return false;
    return host === name || host.endsWith(`.${name}`);
  });
}

/** The proxy to use for `target`, or null for a direct connection. */
export function proxyFor(target: URL, env: Env = process.env): URL | null {
  const raw =
    target.protocol === 'https:'
      ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy)
      : (env.HTTP_PROXY ?? env.http_proxy);
  if (!raw || bypassesProxy(target, env)) return null;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return null;
  }
}

/** Opens a raw TCP tunnel to host:port through the proxy. */
export function openTunnel(proxy: URL, host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const proxyPort = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
    const socket: net.Socket =
      proxy.protocol === 'https:'
        ? tls.connect({ host: proxy.hostname, port: proxyPort, servername: proxy.hostname })
        : net.connect({ host: proxy.hostname, port: proxyPort });
    const auth = proxy.username
      ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n`
      : '';
    const authority = net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
    socket.once(proxy.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`);
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1'))?.[1];
      if (status !== '200') {
        socket.destroy();
        reject(new Error(`proxy refused CONNECT ${authority}: ${status ?? 'bad answer'}`));
        return;
      }
      // Bytes after the proxy's answer already belong to the tunnel.
      const rest = head.subarray(end + 4);
      if (rest.length) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

type ConnectCallback = (err: Error | null, stream: Duplex) => void;

/** An agent whose every connection is a CONNECT tunnel (TLS inside it for https targets). */
function tunnelAgent(proxy: URL, secure: boolean): http.Agent {
  const connect = (opts: http.ClientRequestArgs & tls.ConnectionOptions, cb?: ConnectCallback) => {
    const host = String(opts.hostname ?? opts.host ?? 'localhost');
    const port = Number(opts.port ?? (secure ? 443 : 80));
    openTunnel(proxy, host, port).then(
      (raw) => {
        if (!secure) return cb?.(null, raw);
        const s = tls.connect({ ...opts, socket: raw, servername: opts.servername ?? host });
        s.once('secureConnect', () => cb?.(null, s));
        s.once('error', (err) => cb?.(err, s));
      },
      (err: Error) => cb?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  };
  if (secure) {
    return new (class extends https.Agent {
      override createConnection = connect;
    })({ keepAlive: true });
  }
  return new (class extends http.Agent {
    override createConnection = connect;
  })({ keepAlive: true });
}

const direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const tunnels = new Map<string, http.Agent>();

/** The agent for a target URL: direct, or through the configured proxy. */
export function agentFor(target: URL, env: Env = process.env): http.Agent {
  const secure = target.protocol === 'https:';
  const proxy = proxyFor(target, env);
  if (!proxy) return secure ? direct.https : direct.http;
  const key = `${proxy.href}|${secure}`;
  let agent = tunnels.get(key);
  if (!agent) tunnels.set(key, (agent = tunnelAgent(proxy, secure)));
  return agent;
}
