/**
 * Text a store cannot keep (NUL, half of a surrogate pair) is refused by the schemas, with a 400 and
 * a Russian reason, in every field that reaches a database: before, PostgreSQL answered NUL with an
 * error that left as a 500 (or failed a whole batch), on SQLite too for ill-formed text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { createEnrollmentCode } from '../../../sync-server/devices/devices.service.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { createCampaign, createSchool, enroll, openSettings, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Client } from '../accounts/helpers.ts';
import { createCoorganizer, createOrganizer, signedIn } from '../accounts/helpers.ts';

const BAD = { nul: 'a\u0000b', 'a lone surrogate': 'a\uD83Db' };

describe.each(DIALECTS)('text a store cannot keep, on %s', (dialect) => {
  let server: TestServer;
  let device: DeviceClient;
  let org: Client;
  let coorg: Client;
  let schoolId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    await createCampaign(server.ctx);
    schoolId = (await createSchool(server.ctx)).id;
    const e = await enroll(server.url, server.ctx, schoolId);
    device = new DeviceClient(server.url, e.credential, e.instanceId);
    org = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    coorg = await signedIn(server.url, (await createCoorganizer(server.ctx, schoolId)).email);
  });
  afterAll(() => server.stop());

  const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  const expectRefused = async (res: { status: number; text(): Promise<string> } | Response, field: string) => {
    const text = await res.text();
    expect(res.status, `${field}: ${text}`).toBe(400);
    expect(JSON.parse(text).error.message).toMatch(/нельзя сохранить|Запрос заполнен неверно/);
  };

  for (const [what, bad] of Object.entries(BAD)) {
    it(`refuses ${what} in the login e-mail and the kiosk lookup's e-mail`, async () => {
      await expectRefused(await json('/api/auth/login', { email: `x${bad}@school.ru`, password: 'parol123' }), 'login');
      await expectRefused(
        await json(
          '/api/sync/participant',
          { email: `x${bad}@school.ru`, password: 'parol123' },
          { authorization: `Bearer ${device.credential}` },
        ),
        'lookup',
      );
    });

    it(`refuses ${what} in a PC's name and app version at enrollment`, async () => {
      for (const over of [{ deviceName: `ПК ${bad}` }, { appVersion: `1.0${bad}` }]) {
        const { code } = await createEnrollmentCode(server.ctx, schoolId, 'test');
        const body = { enrollmentCode: code, deviceName: 'ПК 2', instanceId: uuidv7(), appVersion: 'test', ...over };
        await expectRefused(await json('/api/sync/enroll', body), Object.keys(over)[0]!);
      }
    });

    it(`refuses ${what} in the device's last error and app version reported with a push`, async () => {
      for (const over of [{ lastError: `сбой ${bad}` }, { appVersion: `1.0${bad}` }]) {
        const res = await device.push([], device.health(over));
        expect(res.status, Object.keys(over)[0]).toBe(400);
      }
    });

    it(`refuses ${what} in the campaign's title and consent, and in a path id`, async () => {
      const input = (over: object) => ({
        year: 2026,
        title: 'Моё будущее — 2026',
        settings: { ...openSettings(new Date(server.ctx.now())), ...over },
      });
      const title = await org.put('/api/organizer/campaign', { ...input({}), title: `Акция ${bad}` });
      expect(title.status).toBe(400);
      const consent = await org.put(
        '/api/organizer/campaign',
        input({ consent: { version: 'v1', text: `Согласие ${bad}` } }),
      );
      expect(consent.status).toBe(400);
      // A lone surrogate has no UTF-8 form: in a URL it can only arrive as the bytes of one.
      const inPath = bad.includes('\u0000') ? encodeURIComponent(`x${bad}`) : 'x%ED%A0%BDb';
      const id = await coorg.post(`/api/cabinet/students/${inPath}/password`);
      expect(id.status).toBe(400);
    });
  }

  it('still answers afterwards', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
