/** Classroom PCs in the cabinet: a one-time enrollment code, the device list, revoking, refused records. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device, RejectionRecord } from '../../../core/contracts/api.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, MutationMaker, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
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
    const made = await cabinet.post<{ code: string; expiresAt: number }>('/api/cabinet/enrollments');
    expect(made.status).toBe(201);
    expect(made.body.expiresAt).toBeGreaterThan(server.ctx.now());
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
