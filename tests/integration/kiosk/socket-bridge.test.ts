/**
 * Browser mode's socket bridge: the same guards as the HTTP bridge (own page or no browser at
 * all, loopback Host), answers matched to calls by number, the session carried until logout, and
 * bad messages answered with a reason instead of a dropped connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { KIOSK_SOCKET_PATH } from '../../../core/contracts/kiosk-socket.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { registration } from '../../support/kiosk/factories.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';
import { SocketBridgeClient } from '../../support/kiosk/socket-client.ts';

/** Resolves with the open socket, or with the HTTP status the handshake was refused with. */
function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

describe('kiosk socket bridge', () => {
  let host: RunningKioskHost;
  let school: TestSchool;
  let url: string;

  beforeAll(async () => {
    school = await startSchool();
    host = await startKioskHost({ dataDir: tempDir(), log: () => {} });
    url = `ws://127.0.0.1:${host.port}${KIOSK_SOCKET_PATH}`;
  });
  afterAll(async () => {
    await host?.close();
    await school?.server.stop();
  });

  it('opens for its own page and for callers without an Origin, not for another site or Host', async () => {
    for (const headers of [{ origin: host.url }, {}] as Record<string, string>[]) {
      const ws = await open(url, headers);
      expect(ws).toBeInstanceOf(WebSocket);
      (ws as WebSocket).close();
    }
    expect(await open(url, { origin: 'http://evil.example' })).toBe(403);
    expect(await open(url, { origin: `http://127.0.0.1.evil.example:${host.port}` })).toBe(403);
    expect(await open(url, { host: `evil.example:${host.port}` })).toBe(403);
    expect(await open(`ws://127.0.0.1:${host.port}/elsewhere`)).toBe(404);
  });

  it('answers bad messages with a reason and keeps the connection', async () => {
    const c = await SocketBridgeClient.open(host.url, null, {});
    const garbled = await c.raw('{not json', 0);
    expect(garbled).toMatchObject({ id: 0, ok: false, status: 400, error: { code: 'INVALID_INPUT' } });
    const unknown = await c.call('dropTables', {});
    expect(unknown).toMatchObject({ ok: false, status: 404, error: { code: 'UNKNOWN_CHANNEL' } });
    const invalid = await c.call('login', { email: 'не почта', password: '' });
    expect(invalid).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_INPUT' } });
    expect(invalid.ok === false && invalid.error.message).toMatch(/[а-я]/);
    expect((await c.call('status', {})).ok).toBe(true);
    c.close();
  });

  it('carries the session until logout, and matches each answer to its call', async () => {
    const c = await SocketBridgeClient.open(host.url);
    const enrolled = await c.call('enroll', {
      serverUrl: school.server.url,
      enrollmentCode: await school.enrollmentCode(),
      deviceName: 'ПК',
    });
    expect(enrolled.ok).toBe(true);
    expect((await c.call('register', registration())).ok).toBe(true);
    const token = c.session;
    expect(token).toMatch(/^[\w-]{20,}$/);
    // Several calls on their way at once: every answer comes back under its own number.
    const [me, progress, status] = await Promise.all([c.call('me', {}), c.call('progress', {}), c.call('status', {})]);
    expect(me).toMatchObject({ ok: true, value: { participant: { surname: registration().profile.surname } } });
    expect(progress.ok && status.ok).toBe(true);
    expect(new Set([me.id, progress.id, status.id]).size).toBe(3);

    expect((await c.call('logout', {})).session).toBeNull();
    c.session = token;
    expect(await c.call('progress', {})).toMatchObject({ ok: false, status: 401 });
    c.close();
  });
});
