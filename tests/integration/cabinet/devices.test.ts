/** Classroom PCs in the cabinet: a one-time enrollment code, the device list, revoking, refused records. */
import type { NetworkInterfaceInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device, EnrollmentCode, RejectionRecord } from '../../../core/contracts/api.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, MutationMaker, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { classroomAddress } from '../../../sync-server/devices/server-address.ts';
import { createCoorganizer, signedIn, type Client } from '../accounts/helpers.ts';

describe.each(DIALECTS)('devices in the cabinet on %s', (dialect) => {
  let server: TestServer;
  let cabinet: Client;
  let kiosk: DeviceClient;
  let deviceId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    await createCampaign(server.ctx);
    const school = await createSchool(server.ctx);
    cabinet = await signedIn(server.url, (await createCoorganizer(server.ctx, school.id)).email);
  });
  afterAll(() => server.stop());

  it('makes a one-time enrollment code that connects one classroom PC to the school', async () => {
    const made = await cabinet.post<EnrollmentCode>('/api/cabinet/enrollments');
    expect(made.status).toBe(201);
    expect(made.body.expiresAt).toBeGreaterThan(server.ctx.now());
    // The test server listens on 127.0.0.1: classroom PCs need HOST=0.0.0.0, then this port.
    expect(made.body.server).toMatchObject({ loopbackOnly: true, port: server.port });
    for (const url of made.body.server.urls) expect(url).toMatch(new RegExp(`^http://[\\d.]+:${server.port}$`));
    const instanceId = uuidv7();
    const enrollAs = (name: string) =>
      fetch(`${server.url}/api/sync/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          enrollmentCode: made.body.code.toLowerCase(),
          deviceName: name,
          instanceId,
          appVersion: '1.0.0',
        }),
      });
    const res = await enrollAs('Кабинет 12, ПК 3');
    expect(res.status).toBe(201);
    const e = (await res.json()) as { deviceId: string; credential: string };
    expect((await enrollAs('Второй ПК')).status).toBe(403);
    deviceId = e.deviceId;
    kiosk = new DeviceClient(server.url, e.credential, instanceId);
    const { body } = await cabinet.get<Device[]>('/api/cabinet/devices');
    expect(body).toEqual([
      expect.objectContaining({ id: deviceId, name: 'Кабинет 12, ПК 3', revokedAt: null, appVersion: '1.0.0' }),
    ]);
  });

  it('lists the records the server refused, with the Russian reason, for the co-organizer to act on', async () => {
    const maker = new MutationMaker();
    const pid = uuidv7();
    expect((await kiosk.push([maker.register(pid), maker.activate(pid, 'ZZZZ9999')])).status).toBe(200);
    const { body } = await cabinet.get<RejectionRecord[]>('/api/cabinet/rejections');
    expect(body).toEqual([
      expect.objectContaining({
        deviceId,
        name: 'code.activate',
        code: 'CODE_UNKNOWN',
        message: 'Такого кода нет. Проверьте код и введите его ещё раз.',
        participantId: pid,
      }),
    ]);
  });

  it('revokes a PC: it is marked in the list and can no longer sync', async () => {
    expect((await cabinet.post(`/api/cabinet/devices/${deviceId}/revoke`)).status).toBe(204);
    const { body } = await cabinet.get<Device[]>('/api/cabinet/devices');
    expect(body[0]!.revokedAt).toBe(server.ctx.now());
    expect((await kiosk.pull()).status).toBe(403);
  });
});

describe('the server address a classroom PC is told to type', () => {
  const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
    ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;
  const school = {
    lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
    eth0: [nic('192.168.1.10', 'IPv4'), nic('fe80::1', 'IPv6')],
    wlan0: [nic('10.0.0.7', 'IPv4')],
  };

  it('is the configured PUBLIC_URL when there is one', () => {
    const a = classroomAddress({ host: '127.0.0.1', publicUrl: 'https://moe.example.ru/' }, 8080, school);
    expect(a).toEqual({ urls: ['https://moe.example.ru'], loopbackOnly: false, port: 8080 });
  });

  it('on HOST=127.0.0.1 says other PCs cannot connect, and gives the addresses HOST=0.0.0.0 will have', () => {
    expect(classroomAddress({ host: '127.0.0.1', publicUrl: undefined }, 8091, school)).toEqual({
      urls: ['http://192.168.1.10:8091', 'http://10.0.0.7:8091'],
      loopbackOnly: true,
      port: 8091,
    });
    expect(classroomAddress({ host: 'localhost', publicUrl: undefined }, 8091, { lo: school.lo })).toEqual({
      urls: [],
      loopbackOnly: true,
      port: 8091,
    });
  });

  it("on HOST=0.0.0.0 lists this computer's network addresses; on a given address, that one", () => {
    expect(classroomAddress({ host: '0.0.0.0', publicUrl: undefined }, 8080, school).urls).toEqual([
      'http://192.168.1.10:8080',
      'http://10.0.0.7:8080',
    ]);
    expect(classroomAddress({ host: '192.168.1.10', publicUrl: undefined }, 8080, school)).toEqual({
      urls: ['http://192.168.1.10:8080'],
      loopbackOnly: false,
      port: 8080,
    });
    expect(classroomAddress({ host: 'fd00::5', publicUrl: undefined }, 8080, school).urls).toEqual([
      'http://[fd00::5]:8080',
    ]);
  });
});
