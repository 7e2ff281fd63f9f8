/** The organizer's dashboard API: the campaign's settings and the schools with their tariffs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../../core/campaign.ts';
import type { SchoolsPage } from '../../../core/contracts/organizer.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createSchool, createTariff, openSettings } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createOrganizer, signedIn, type Client, type ErrorReply } from './helpers.ts';

describe.each(DIALECTS)('organizer API on %s', (dialect) => {
  let server: TestServer;
  let org: Client;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    org = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
  });
  afterAll(() => server.stop());

  const input = (year: number, over = {}) => ({
    year,
    title: `Всероссийская акция «Мое будущее» ${year}`,
    settings: { ...openSettings(new Date(server.ctx.now())), ...over },
  });

  it('has no campaign until the organizer opens one; the same year then edits it in place', async () => {
    expect((await org.get('/api/organizer/campaign')).body).toEqual({ campaign: null });
    const created = await org.put<Campaign>('/api/organizer/campaign', input(2026));
    expect(created.status).toBe(201);
    const edited = await org.put<Campaign>('/api/organizer/campaign', input(2026, { tariffDeadline: '2026-11-05' }));
    expect(edited.status).toBe(200);
    expect(edited.body.id).toBe(created.body.id);
    const got = await org.get<{ campaign: Campaign }>('/api/organizer/campaign');
    expect(got.body.campaign).toMatchObject({ id: created.body.id, settings: { tariffDeadline: '2026-11-05' } });
  });

  it('opens a new campaign for a new year and keeps the old one', async () => {
    const before = await org.get<{ campaign: Campaign }>('/api/organizer/campaign');
    const next = await org.put<Campaign>('/api/organizer/campaign', input(2027));
    expect(next.status).toBe(201);
    expect(next.body.id).not.toBe(before.body.campaign.id);
    const rows = await server.ctx.db.selectFrom('campaigns').select(['id', 'active']).execute();
    expect(rows.map((r) => [r.id, Number(r.active)]).sort()).toEqual(
      [
        [before.body.campaign.id, 0],
        [next.body.id, 1],
      ].sort(),
    );
  });

  it('refuses invalid settings with 400 and a Russian reason per field', async () => {
    const r = await org.put<ErrorReply>(
      '/api/organizer/campaign',
      input(2027, {
        tariffDeadline: '5 ноября',
        regionWindows: [{ region: '999', from: '2026-11-10', to: '2026-11-01' }],
      }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toMatchObject({
      'settings.tariffDeadline': 'Дата должна быть в формате ГГГГ-ММ-ДД',
      'settings.regionWindows.0.region': 'Выберите регион из списка',
    });
  });

  it('lists schools with the totals of their tariffs in the active campaign, filtered by region', async () => {
    const { body: active } = await org.get<{ campaign: Campaign }>('/api/organizer/campaign');
    const moscow = await createSchool(server.ctx, '77', 'Школа № 100');
    const primorye = await createSchool(server.ctx, '25', 'Школа № 200');
    await createTariff(server.ctx, active.campaign.id, moscow.id, 30);
    await createTariff(server.ctx, active.campaign.id, moscow.id, 5);
    await server.ctx.db
      .updateTable('tariffs')
      .set({ used: 4 })
      .where('school_id', '=', moscow.id)
      .where('participants', '=', 30)
      .execute();
    const all = await org.get<SchoolsPage>('/api/organizer/schools');
    expect(all.body.total).toBe(2);
    expect(all.body.schools.find((s) => s.id === moscow.id)).toMatchObject({ tariffs: 2, participants: 35, used: 4 });
    expect(all.body.schools.find((s) => s.id === primorye.id)).toMatchObject({ tariffs: 0, participants: 0, used: 0 });
    const only25 = await org.get<SchoolsPage>('/api/organizer/schools?region=25&limit=10');
    expect(only25.body).toMatchObject({ total: 1, schools: [{ id: primorye.id }] });
    expect((await org.get('/api/organizer/schools?limit=0')).status).toBe(400);
  });
});
