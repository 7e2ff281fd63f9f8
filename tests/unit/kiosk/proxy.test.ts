/** HTTP(S)_PROXY / NO_PROXY: which requests go through the proxy, and that they really do. */
import { createServer as createHttpServer, type Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bypassesProxy, proxyFor } from '../../../electron/host/sync/proxy.ts';
import { requestJson } from '../../../electron/host/sync/transport.ts';

describe('proxy choice', () => {
  const env = {
    HTTPS_PROXY: 'http://proxy.school:3128',
    HTTP_PROXY: 'http://p2:8080',
    NO_PROXY: 'localhost,.local.ru,10.0.0.5:8080',
  };

  it('uses HTTPS_PROXY for https and HTTP_PROXY for http', () => {
    expect(proxyFor(new URL('https://moe.example.ru'), env)?.host).toBe('proxy.school:3128');
    expect(proxyFor(new URL('http://moe.example.ru'), env)?.host).toBe('p2:8080');
    expect(proxyFor(new URL('http://moe.example.ru'), {})).toBeNull();
  });

  it('honours NO_PROXY by exact name, domain suffix, port and *', () => {
    expect(bypassesProxy(new URL('http://localhost:8080'), env)).toBe(true);
    expect(bypassesProxy(new URL('https://srv.local.ru'), env)).toBe(true);
    expect(bypassesProxy(new URL('https://local.ru.evil.com'), env)).toBe(false);
    expect(bypassesProxy(new URL('http://10.0.0.5:8080'), env)).toBe(true);
    expect(bypassesProxy(new URL('http://10.0.0.5:9090'), env)).toBe(false);
    expect(bypassesProxy(new URL('http://anything'), { NO_PROXY: '*' })).toBe(true);
  });
});

describe('requests through a CONNECT proxy', () => {
  let target: Server;
  let proxy: net.Server;
  const tunnels: string[] = [];
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };

  beforeAll(async () => {
    target = createHttpServer((_req, res) => res.end(JSON.stringify({ via: 'target' })));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    // A minimal CONNECT proxy that records where it tunnels to.
    proxy = net.createServer((client) => {
      client.once('data', (head) => {
        const [, authority] = /^CONNECT (\S+) HTTP/.exec(head.toString()) ?? [];
        tunnels.push(authority ?? '?');
        const [host, port] = (authority ?? '').split(':');
        const upstream = net.connect(Number(port), host, () => {
          client.write('HTTP/1.1 200 Connection established\r\n\r\n');
          client.pipe(upstream).pipe(client);
        });
        upstream.on('error', () => client.destroy());
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    delete process.env.NO_PROXY;
  });
  afterAll(() => {
    process.env.HTTP_PROXY = saved.HTTP_PROXY;
    if (saved.NO_PROXY !== undefined) process.env.NO_PROXY = saved.NO_PROXY;
    if (saved.HTTP_PROXY === undefined) delete process.env.HTTP_PROXY;
    target.close();
    proxy.close();
  });

  it('tunnels the sync request through the proxy', async () => {
    const port = (target.address() as AddressInfo).port;
    const res = await requestJson(new URL(`http://127.0.0.1:${port}/api/sync/pull`), {
      method: 'GET',
      timeoutMs: 5_000,
    });
    expect(res).toEqual({ status: 200, body: { via: 'target' } });
    expect(tunnels).toContain(`127.0.0.1:${port}`);
  });
});
