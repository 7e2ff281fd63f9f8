/**
 * The page's SocketBridge against a real browser-mode host (ws's WebSocket stands in for the
 * browser's, Node's fetch for its fetch): HTTP carries the calls until the socket is open, the
 * session token is shared by both, a host that goes away fails the calls on their way with the
 * unreachable-host message, and a restarted host is reached again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { KIOSK_SOCKET_PATH } from '../../../core/contracts/kiosk-socket.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { SocketBridge } from '../../../renderer/src/lib/bridge/socket-bridge.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { registration } from '../../support/kiosk/factories.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';

describe('the page socket bridge', () => {
  let host: RunningKioskHost;
  let school: TestSchool;
  let dataDir: string;
  const calls = { http: 0 };

  beforeAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    const fetch0 = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      calls.http += 1;
      return fetch0(input, init);
    };
    school = await startSchool();
    dataDir = tempDir();
    host = await startKioskHost({ dataDir, log: () => {} });
  });
  afterAll(async () => {
    await host?.close();
    await school?.server.stop();
  });

  const bridgeTo = (port: number) =>
    new SocketBridge(`ws://127.0.0.1:${port}${KIOSK_SOCKET_PATH}`, `http://127.0.0.1:${port}/kiosk-api`);

  it('uses HTTP until the socket is open, then the socket, with one session for both', async () => {
    const bridge = bridgeTo(host.port);
    await bridge.invoke('enroll', {
      serverUrl: school.server.url,
      enrollmentCode: await school.enrollmentCode(),
      deviceName: 'ПК',
    });
    expect(calls.http).toBe(1);
    await bridge.opened();
    await bridge.invoke('register', registration());
    const viaSocket = calls.http;
    expect(viaSocket).toBe(1);
    expect((await bridge.invoke('me', {})).participant?.surname).toBe('Петрова');
    await bridge.invoke('logout', {});
    expect((await bridge.invoke('me', {})).participant).toBeNull();
    expect(calls.http).toBe(viaSocket);
  });

  it('fails the calls on their way when the host goes away, and reaches it again after a restart', async () => {
    const bridge = bridgeTo(host.port);
    await bridge.invoke('status', {});
    await bridge.opened();
    await bridge.invoke('register', registration());
    const port = host.port;
    const inFlight = expect(bridge.invoke('progress', {})).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    await host.close();
    await inFlight;
    await expect(bridge.invoke('status', {})).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });

    host = await startKioskHost({ dataDir, port, log: () => {} });
    // The restarted host no longer knows the session: over HTTP first, then over the new socket.
    await expect(bridge.invoke('progress', {})).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    await bridge.opened();
    const before = calls.http;
    expect((await bridge.invoke('status', {})).enrolled).toBe(true);
    expect(calls.http).toBe(before);
  });
});
