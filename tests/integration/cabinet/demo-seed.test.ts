/**
 * The demo: everything open today, the same school, people, 30-place code and enrollment code on
 * every re-run, and never the demo's settings over the organizer's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRegistrationOpen } from '../../../core/campaign.ts';
import type { CabinetOverview, PurchasedTariff } from '../../../core/contracts/api.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Campaign } from '../../../core/campaign.ts';
import { addDays, localDay } from '../../../core/calendar.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { demoSettings, seedDemo } from '../../../sync-server/demo-seed.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client } from '../accounts/helpers.ts';

describe.each(DIALECTS)('demo seed on %s', (dialect) => {
  let server: TestServer;
  const codeFile = join(mkdtempSync(join(tmpdir(), 'moe-demo-')), 'demo-enrollment-code.txt');
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  it('opens a campaign where every step of the instruction can be tried today', async () => {
    const seeded = await seedDemo(server.ctx, codeFile);
    expect(seeded.coorganizerEmail).toBe('coorg@demo.local');
    const c = new Client(server.url);
    expect((await c.login('coorg@demo.local', 'demo-demo')).status).toBe(200);
    const { body } = await c.get<CabinetOverview>('/api/cabinet/overview');
    expect(body).toMatchObject({
      canObtainTariff: true,
      scheduleVisible: true,
      codesActive: true,
      certificateOpen: true,
    });
    expect(body.school).toMatchObject({ region: '77', name: 'ГБОУ Школа № 1 (демо)' });
    expect(body.campaign.settings.consent.version).toBe('2026-1');
    expect(body.campaign.settings.consent.text).toContain('152-ФЗ');
    expect(isRegistrationOpen(body.campaign.settings, new Date(server.ctx.now()), '77')).toBe(true);
    const tariffs = await c.get<{ tariffs: PurchasedTariff[] }>('/api/cabinet/tariffs');
    expect(tariffs.body.tariffs).toEqual([expect.objectContaining({ code: seeded.code, participants: 30 })]);
    expect((await new Client(server.url).login('org@demo.local', 'demo-demo')).body).toMatchObject({
      role: 'organizer',
    });
  });

  const count = async (t: 'schools' | 'users' | 'tariffs' | 'campaigns' | 'enrollment_codes') =>
    Number(
      (
        await server.ctx.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const enroll = (code: string) =>
    fetch(`${server.url}/api/sync/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrollmentCode: code, deviceName: 'Демо ПК', instanceId: uuidv7(), appVersion: '1.0.0' }),
    });

  it('is idempotent: a re-run keeps the school, accounts, code and enrollment code, and moves the untouched dates', async () => {
    const first = await seedDemo(server.ctx, codeFile);
    const enrollmentCodes = await count('enrollment_codes');
    server.setNow(server.ctx.now() + 3 * 86_400_000);
    const second = await seedDemo(server.ctx, codeFile);
    expect(second.code).toBe(first.code);
    expect(second.enrollmentCode).toBe(first.enrollmentCode);
    expect(second.campaignKept).toBe(false);
    expect([
      await count('schools'),
      await count('users'),
      await count('tariffs'),
      await count('campaigns'),
      await count('enrollment_codes'),
    ]).toEqual([1, 2, 1, 1, enrollmentCodes]);
    const c = new Client(server.url);
    await c.login('coorg@demo.local', 'demo-demo');
    const overview = (await c.get<CabinetOverview>('/api/cabinet/overview')).body;
    expect(overview.canObtainTariff).toBe(true);
    const demo = demoSettings(localDay(new Date(server.ctx.now()), 'Europe/Moscow'));
    // The server dates the consent's version when it first publishes it.
    expect(overview.campaign.settings).toEqual({
      ...demo,
      consent: { ...demo.consent, effectiveFrom: expect.any(String) },
    });
  });

  it('issues a new enrollment code only once the last one was used by a kiosk', async () => {
    const first = await seedDemo(server.ctx, codeFile);
    expect((await enroll(first.enrollmentCode)).status).toBe(201);
    const second = await seedDemo(server.ctx, codeFile);
    expect(second.enrollmentCode).not.toBe(first.enrollmentCode);
    expect((await seedDemo(server.ctx, codeFile)).enrollmentCode).toBe(second.enrollmentCode);
    expect((await enroll(second.enrollmentCode)).status).toBe(201);
  });

  it("never puts back the demo's price, dates or periods over the organizer's", async () => {
    await seedDemo(server.ctx, codeFile);
    const org = new Client(server.url);
    await org.login('org@demo.local', 'demo-demo');
    const { campaign } = (await org.get<{ campaign: Campaign }>('/api/organizer/campaign')).body;
    const today = localDay(new Date(server.ctx.now()), 'Europe/Moscow');
    const changed = {
      ...campaign.settings,
      pricePerParticipantKopecks: 149_50,
      tariffDeadline: addDays(today, 10),
      regionWindows: [{ region: '77', from: addDays(today, 2), to: addDays(today, 9) }],
    };
    expect(
      (await org.put('/api/organizer/campaign', { year: campaign.year, title: campaign.title, settings: changed }))
        .status,
    ).toBe(200);
    server.setNow(server.ctx.now() + 86_400_000);
    const again = await seedDemo(server.ctx, codeFile);
    expect(again.campaignKept).toBe(true);
    await org.login('org@demo.local', 'demo-demo'); // the day-old session has expired
    expect((await org.get<{ campaign: Campaign }>('/api/organizer/campaign')).body.campaign).toEqual({
      ...campaign,
      settings: changed,
    });
    expect(await count('tariffs')).toBe(1);
  });
});
