/** «Акция в цифрах» counts a class that took part through sync, as the kiosks pushed it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '../../../core/contracts/dashboard.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, createOrganizer, signedIn } from '../accounts/helpers.ts';
import { classTakesPart } from '../results/helpers.ts';

describe.each(DIALECTS)('a synced class in the overview on %s', (dialect) => {
  let server: TestServer;
  let schoolId: string;
  let code: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const campaign = await createCampaign(server.ctx);
    const school = await createSchool(server.ctx, '77');
    schoolId = school.id;
    ({ code } = await createTariff(server.ctx, campaign.id, school.id, 10));
    await classTakesPart(server, school.id, code, [
      { surname: 'Иванов', name: 'Иван', schoolClass: '8А', steps: 12 },
      { surname: 'Петрова', name: 'Анна', schoolClass: '8А', steps: 4 },
    ]);
  });
  afterAll(() => server.stop());

  it('counts per region for the organizer, and refuses co-organizers', async () => {
    const organizer = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    const r = await organizer.get<Overview>('/api/organizer/overview');
    expect(r.status).toBe(200);
    expect(r.body.stepCount).toBe(12);
    expect(r.body.rows).toEqual([
      expect.objectContaining({
        key: '77',
        name: 'Москва',
        registered: 2,
        activated: 2,
        funnel: [2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1],
        finished: 1,
        places: 10,
      }),
    ]);
    // Another pupil of the school finishes step 1: the next look counts them (the school's
    // numbers are kept per school and recounted once its change feed moves).
    await classTakesPart(server, schoolId, code, [{ surname: 'Сидоров', name: 'Пётр', schoolClass: '8Б', steps: 1 }]);
    const again = await organizer.get<Overview>('/api/organizer/overview');
    expect(again.body.rows[0]).toMatchObject({ registered: 3, activated: 3, finished: 1 });
    expect(again.body.rows[0]!.funnel.slice(0, 2)).toEqual([3, 2]);
    const school = await createSchool(server.ctx, '77');
    const co = await signedIn(server.url, (await createCoorganizer(server.ctx, school.id)).email);
    expect((await co.get('/api/organizer/overview')).status).toBe(403);
  });
});
