/** Classroom PCs in the cabinet: a one-time enrollment code, the device list, revoking, refused records. */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device, EnrollmentCode, RejectionRecord } from '../../../core/contracts/api.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, MutationMaker, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { classroomAddress } from '../../../sync-server/devices/server-address.ts';
import { Client, createCoorganizer, signedIn } from '../accounts/helpers.ts';

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
    // Opened at 127.0.0.1 on a server listening there: classroom PCs need HOST=0.0.0.0, then
    // this computer's own network addresses on this port (none at all on a machine without any).
    expect(made.body.server).toEqual({
      urls: expect.arrayContaining(lanAddresses(server.port)),
      loopbackOnly: true,
      port: server.port,
    });
    expect(made.body.server.urls).toHaveLength(lanAddresses(server.port).length);
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

/** This computer's network addresses a classroom PC might reach, worked out here independently. */
function lanAddresses(port: number): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => !i.internal && i.family === 'IPv4' && !i.address.startsWith('169.254.'))
    .map((i) => `http://${i.address}:${port}`);
}

describe('«Подключить компьютер» behind a reverse proxy', () => {
  const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'moe.school.ru' };

  it("with TRUST_PROXY=1 names the address the teacher opened, not the server's own ones", async () => {
    const server = await startTestServer('sqlite', { trustProxy: true });
    try {
      const school = await createSchool(server.ctx);
      const cabinet = await signedIn(server.url, (await createCoorganizer(server.ctx, school.id)).email);
      const proxied = Object.assign(new Client(server.url, forwarded), { cookie: cabinet.cookie });
      const made = await proxied.post<EnrollmentCode>('/api/cabinet/enrollments');
      expect(made.body.server).toEqual({ urls: ['https://moe.school.ru'], loopbackOnly: false, port: server.port });
    } finally {
      await server.stop();
    }
  });

  it('without TRUST_PROXY takes no forwarded header on trust', async () => {
    const server = await startTestServer('sqlite');
    try {
      const school = await createSchool(server.ctx);
      const cabinet = await signedIn(server.url, (await createCoorganizer(server.ctx, school.id)).email);
      const proxied = Object.assign(new Client(server.url, forwarded), { cookie: cabinet.cookie });
      const made = await proxied.post<EnrollmentCode>('/api/cabinet/enrollments');
      expect(made.body.server.loopbackOnly).toBe(true);
      expect(made.body.server.urls).not.toContain('https://moe.school.ru');
    } finally {
      await server.stop();
    }
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
  const noPublicUrl = { host: '127.0.0.1', publicUrl: undefined };
  /** The teacher opened the cabinet at `origin`; the server listens on 8091. */
  const at = (origin: string) => ({ origin, localPort: 8091 });

  it('is the configured PUBLIC_URL when there is one, wherever the cabinet was opened', () => {
    const config = { host: '127.0.0.1', publicUrl: 'https://moe.example.ru/' };
    expect(classroomAddress(config, at('http://127.0.0.1:8091'), school)).toEqual({
      urls: ['https://moe.example.ru'],
      loopbackOnly: false,
      port: 8091,
    });
    expect(classroomAddress(config, at('http://192.168.1.10:8091'), school).urls).toEqual(['https://moe.example.ru']);
  });

  it("is the address the teacher opened the cabinet at, when that is not this computer's loopback", () => {
    // Through a reverse proxy or a central server: no HOST warning, none of the server's own addresses.
    expect(classroomAddress(noPublicUrl, at('https://moe.school.ru'), school)).toEqual({
      urls: ['https://moe.school.ru'],
      loopbackOnly: false,
      port: 8091,
    });
    expect(classroomAddress(noPublicUrl, at('http://192.168.1.10:8091'), school).urls).toEqual([
      'http://192.168.1.10:8091',
    ]);
    expect(classroomAddress(noPublicUrl, at('http://[fd00::5]:8080'), school).urls).toEqual(['http://[fd00::5]:8080']);
  });

  it("opened on the server itself (127.x, ::1, localhost) falls back to this computer's addresses", () => {
    for (const origin of [
      'http://127.0.0.1:8091',
      'http://127.1.2.3:8091',
      'http://[::1]:8091',
      'http://localhost:8091',
    ]) {
      expect(classroomAddress(noPublicUrl, at(origin), school)).toEqual({
        urls: ['http://192.168.1.10:8091', 'http://10.0.0.7:8091'],
        loopbackOnly: true,
        port: 8091,
      });
    }
    expect(classroomAddress(noPublicUrl, at('http://localhost:8091'), { lo: school.lo })).toEqual({
      urls: [],
      loopbackOnly: true,
      port: 8091,
    });
  });

  it("opened on the server with HOST=0.0.0.0 lists this computer's network addresses; with a given address, that one", () => {
    expect(classroomAddress({ host: '0.0.0.0', publicUrl: undefined }, at('http://127.0.0.1:8091'), school)).toEqual({
      urls: ['http://192.168.1.10:8091', 'http://10.0.0.7:8091'],
      loopbackOnly: false,
      port: 8091,
    });
    expect(
      classroomAddress({ host: 'fd00::5', publicUrl: undefined }, at('http://localhost:8091'), school).urls,
    ).toEqual(['http://[fd00::5]:8091']);
  });

  it('puts the school network first: no 169.254 address, Docker and VM adapters last', () => {
    const server = {
      docker0: [nic('172.17.0.1', 'IPv4')],
      'br-5e1f0c': [nic('172.18.0.1', 'IPv4')],
      'vEthernet (Default Switch)': [nic('172.29.64.1', 'IPv4')],
      eth1: [nic('169.254.10.20', 'IPv4')],
      eth0: [nic('192.168.1.10', 'IPv4')],
      tun0: [nic('10.8.0.2', 'IPv4')],
    };
    expect(
      classroomAddress({ host: '0.0.0.0', publicUrl: undefined }, at('http://127.0.0.1:8091'), server).urls,
    ).toEqual([
      'http://192.168.1.10:8091',
      'http://172.17.0.1:8091',
      'http://172.18.0.1:8091',
      'http://172.29.64.1:8091',
      'http://10.8.0.2:8091',
    ]);
  });
});
