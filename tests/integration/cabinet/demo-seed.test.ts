/** The demo: everything open today, the same school, people and 30-place code on every re-run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRegistrationOpen } from '../../../core/campaign.ts';
import type { CabinetOverview, PurchasedTariff } from '../../../core/contracts/api.ts';
import { seedDemo } from '../../../sync-server/demo-seed.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client } from '../accounts/helpers.ts';

describe.each(DIALECTS)('demo seed on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  it('opens a campaign where every step of the instruction can be tried today', async () => {
    const seeded = await seedDemo(server.ctx);
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

  it('is idempotent: a re-run keeps the school, accounts and code, and gives a fresh enrollment code', async () => {
    const first = await seedDemo(server.ctx);
    server.setNow(server.ctx.now() + 3 * 86_400_000);
    const second = await seedDemo(server.ctx);
    expect(second.code).toBe(first.code);
    expect(second.enrollmentCode).not.toBe(first.enrollmentCode);
    const count = async (t: 'schools' | 'users' | 'tariffs' | 'campaigns') =>
      Number(
        (
          await server.ctx.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await count('schools'), await count('users'), await count('tariffs'), await count('campaigns')]).toEqual([
      1, 2, 1, 1,
    ]);
    const c = new Client(server.url);
    await c.login('coorg@demo.local', 'demo-demo');
    expect((await c.get<CabinetOverview>('/api/cabinet/overview')).body.canObtainTariff).toBe(true);
  });
});
