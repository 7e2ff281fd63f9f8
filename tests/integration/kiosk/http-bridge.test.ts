/**
 * Browser mode's HTTP bridge: only this machine's own page may call the kiosk API; the session
 * token travels in X-Kiosk-Session; the screens are served with a strict CSP and never a file
 * from outside their folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { KioskClient } from '../../support/kiosk/client.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { registration } from '../../support/kiosk/factories.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';

function raw(url: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      { host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('kiosk HTTP bridge', () => {
  let host: RunningKioskHost;
  let school: TestSchool;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    school = await startSchool();
    const rendererDir = tempDir('renderer-');
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Моё будущее</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    host = await startKioskHost({ dataDir: tempDir(), rendererDir, log: () => {} });
  });
  afterAll(async () => {
    await host?.close();
    await school?.server.stop();
  });

  const post = (headers: Record<string, string>, body = '{}', path = '/kiosk-api/status') =>
    raw(host.url, { method: 'POST', path, headers, body });

  it('answers its own page and callers without an Origin', async () => {
    expect((await post({ ...json, origin: host.url })).status).toBe(200);
    expect((await post(json)).status).toBe(200);
  });

  it('answers an oversized body with 413 and a reason instead of resetting the connection', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) });
    for (const headers of [json, { ...json, 'content-length': String(Buffer.byteLength(big)) }]) {
      const res = await post(headers, big);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.message).toMatch(/Запрос слишком большой/);
    }
    // A chunked body (no length announced) is measured as it arrives.
    const chunked = await post({ ...json, 'transfer-encoding': 'chunked' }, big);
    expect(chunked.status).toBe(413);
    expect((await post(json)).status).toBe(200);
  });

  it('refuses another site, a foreign Host (DNS rebinding), non-JSON and GET', async () => {
    expect((await post({ ...json, origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ ...json, origin: `http://127.0.0.1.evil.example:${host.port}` })).status).toBe(403);
    expect((await post({ ...json, host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(json, '{not json')).status).toBe(400);
    expect((await raw(host.url, { path: '/kiosk-api/status' })).status).toBe(405);
    const unknown = await post(json, '{}', '/kiosk-api/dropTables');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('carries the participant session in X-Kiosk-Session until logout', async () => {
    const c = new KioskClient(host.url);
    await c.ok('enroll', {
      serverUrl: school.server.url,
      enrollmentCode: await school.enrollmentCode(),
      deviceName: 'ПК',
    });
    await c.ok('register', registration());
    const token = c.token;
    expect(token).toMatch(/^[\w-]{20,}$/);
    expect((await c.ok('me', {})).participant).not.toBeNull();
    expect((await new KioskClient(host.url).ok('me', {})).participant).toBeNull();
    await c.ok('logout', {});
    c.token = token;
    expect((await c.ok('me', {})).participant).toBeNull();
    expect((await c.call('progress', {})).status).toBe(401);
  });

  it('serves the screens with a strict CSP, routes to index.html, and nothing outside', async () => {
    const index = await raw(host.url, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect((await raw(host.url, { path: '/steps/3' })).body).toContain('Моё будущее');
    expect((await raw(host.url, { path: '/assets/app.js' })).headers['cache-control']).toMatch(/immutable/);
    expect((await raw(host.url, { path: '/assets/missing.js' })).status).toBe(404);
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const r = await raw(host.url, { path });
      expect(r.body).not.toContain('root:');
    }
  });
});
