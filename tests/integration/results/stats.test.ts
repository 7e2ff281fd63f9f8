/** The organizer's country view: participants registered, activated and completed per region. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountryStats } from '../../../core/contracts/results.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, createOrganizer, signedIn } from '../accounts/helpers.ts';
import { classTakesPart } from './helpers.ts';

describe.each(DIALECTS)('country stats on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const campaign = await createCampaign(server.ctx);
    const school = await createSchool(server.ctx, '77');
    const { code } = await createTariff(server.ctx, campaign.id, school.id, 10);
    await classTakesPart(server, school.id, code, [
      { surname: 'Иванов', name: 'Иван', schoolClass: '8А', steps: 12 },
      { surname: 'Петрова', name: 'Анна', schoolClass: '8А', steps: 4 },
    ]);
  });
  afterAll(() => server.stop());

  it('counts per region for the organizer, and refuses co-organizers', async () => {
    const organizer = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    const r = await organizer.get<CountryStats>('/api/organizer/stats');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      regions: [{ region: '77', regionName: 'Москва', registered: 2, activated: 2, completed: 1 }],
      totals: { registered: 2, activated: 2, completed: 1 },
      stepCount: 12,
      tariffs: {
        schools: { tariffs: 1, places: 10, used: 2, costKopecks: 150_000 },
        individual: { tariffs: 0, places: 0, used: 0, costKopecks: 0 },
      },
    });
    const school = await createSchool(server.ctx, '77');
    const co = await signedIn(server.url, (await createCoorganizer(server.ctx, school.id)).email);
    expect((await co.get('/api/organizer/stats')).status).toBe(403);
  });
});
