/**
 * The instruction's dates, judged in each school's own time zone: tariffs «до 5 ноября
 * включительно», the regions' schedule from 9 November, codes from 15 November, the
 * co-organizer certificate from 16 December (2020's values as the example).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignSettings } from '../../../core/campaign.ts';
import type { CabinetOverview } from '../../../core/contracts/api.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { saveCampaign } from '../../../sync-server/campaigns/campaign.repository.ts';
import { forgetActiveCampaign } from '../../../sync-server/sync/campaign-cache.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createSchool } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, signedIn, type Client, type ErrorReply } from '../accounts/helpers.ts';
import { classTakesPart, download } from '../results/helpers.ts';

const SETTINGS_2020: CampaignSettings = {
  tariffDeadline: '2020-11-05',
  schedulePublishedFrom: '2020-11-09',
  activationFrom: '2020-11-15',
  certificateFrom: '2020-12-16',
  pricePerParticipantKopecks: 10_000,
  regionWindows: [
    { region: '25', from: '2020-11-16', to: '2020-11-20' },
    { region: '39', from: '2020-11-23', to: '2020-11-27' },
  ],
  parentConsentUpToClass: null,
  consent: { version: '2020-1', title: 'Согласие', text: 'Согласие на обработку персональных данных.' },
};

const at = (iso: string) => Date.parse(iso);

describe.each(DIALECTS)('campaign dates in the cabinet on %s', (dialect) => {
  let server: TestServer;
  let vladivostok: Client; // UTC+10
  let kaliningrad: Client; // UTC+2
  let emails: string[];
  let vladivostokId: string;

  /** Moves the server's clock and signs both co-organizers in again (sessions last hours, not weeks). */
  async function setNow(iso: string) {
    server.setNow(at(iso));
    vladivostok = await signedIn(server.url, emails[0]!);
    kaliningrad = await signedIn(server.url, emails[1]!);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    server.setNow(at('2020-10-01T00:00:00Z'));
    await saveCampaign(
      server.ctx.db,
      { id: uuidv7(), year: 2020, title: 'Моё будущее 2020', settings: SETTINGS_2020 },
      server.ctx.now(),
    );
    forgetActiveCampaign();
    const v = await createSchool(server.ctx, '25', 'Школа № 1 Владивостока');
    vladivostokId = v.id;
    const k = await createSchool(server.ctx, '39', 'Школа № 1 Калининграда');
    emails = [(await createCoorganizer(server.ctx, v.id)).email, (await createCoorganizer(server.ctx, k.id)).email];
  });
  afterAll(() => server.stop());

  const obtain = (c: Client) => c.post<ErrorReply>('/api/cabinet/tariffs', { participants: 5 });

  it('obtains a tariff at 23:59 on 5 November local time and refuses it at 00:00 on 6 November', async () => {
    await setNow('2020-11-05T13:59:59Z'); // Vladivostok 23:59:59
    expect((await obtain(vladivostok)).status).toBe(201);
    await setNow('2020-11-05T14:00:00Z'); // Vladivostok 00:00 on the 6th
    const refused = await obtain(vladivostok);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'TARIFF_DEADLINE_PASSED',
      message: 'Получить тарифы можно было до 5 ноября 2020 г. включительно.',
    });
  });

  it('judges the same instant by each school: Kaliningrad is still on 5 November when Vladivostok is on the 6th', async () => {
    await setNow('2020-11-05T14:00:00Z'); // Kaliningrad 16:00 on the 5th
    expect((await obtain(kaliningrad)).status).toBe(201);
    expect((await vladivostok.get<CabinetOverview>('/api/cabinet/overview')).body.canObtainTariff).toBe(false);
    expect((await kaliningrad.get<CabinetOverview>('/api/cabinet/overview')).body.canObtainTariff).toBe(true);
    await setNow('2020-11-05T21:59:59Z'); // Kaliningrad 23:59:59
    expect((await obtain(kaliningrad)).status).toBe(201);
    await setNow('2020-11-05T22:00:00Z'); // Kaliningrad 00:00 on the 6th
    expect((await obtain(kaliningrad)).status).toBe(409);
  });

  it('hides the schedule before 9 November local time, naming the date, and shows the region window from then', async () => {
    await setNow('2020-11-08T13:59:59Z'); // Vladivostok 23:59:59 on the 8th
    const early = await vladivostok.get<ErrorReply>('/api/cabinet/schedule');
    expect(early.status).toBe(403);
    expect(early.body.error).toEqual({
      code: 'SCHEDULE_NOT_PUBLISHED',
      message: 'График участия регионов будет доступен с 9 ноября 2020 г.',
    });
    await setNow('2020-11-08T14:00:00Z'); // Vladivostok 00:00 on the 9th; Kaliningrad still the 8th
    const shown = await vladivostok.get('/api/cabinet/schedule');
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({
      region: '25',
      regionName: 'Приморский край',
      window: { region: '25', from: '2020-11-16', to: '2020-11-20' },
    });
    expect((await kaliningrad.get('/api/cabinet/schedule')).status).toBe(403);
    expect((await vladivostok.get<CabinetOverview>('/api/cabinet/overview')).body.scheduleVisible).toBe(true);
    expect((await kaliningrad.get<CabinetOverview>('/api/cabinet/overview')).body.scheduleVisible).toBe(false);
  });

  it('opens codes from 15 November and the co-organizer certificate from 16 December', async () => {
    const flags = async (c: Client) => {
      const { body } = await c.get<CabinetOverview>('/api/cabinet/overview');
      return [body.codesActive, body.certificateOpen];
    };
    await setNow('2020-11-14T13:59:59Z');
    expect(await flags(vladivostok)).toEqual([false, false]);
    await setNow('2020-11-14T14:00:00Z');
    expect(await flags(vladivostok)).toEqual([true, false]);
    await setNow('2020-12-15T22:00:00Z');
    expect(await flags(kaliningrad)).toEqual([true, true]);
    expect((await kaliningrad.get<CabinetOverview>('/api/cabinet/overview')).body).toMatchObject({
      serverTime: at('2020-12-15T22:00:00Z'),
      school: { region: '39' },
      campaign: { year: 2020 },
    });
  });

  it('refuses «Скачать сертификат соорганизатора» until 16 December local time, naming the date, then gives it', async () => {
    // A Vladivostok pupil takes part to the end during the region's window (the certificate counts them).
    await setNow('2020-11-17T03:00:00Z');
    const tariff = await server.ctx.db
      .selectFrom('tariffs')
      .select('code')
      .where('school_id', '=', vladivostokId)
      .executeTakeFirstOrThrow();
    await classTakesPart(server, vladivostokId, tariff.code, [
      { surname: 'Ким', name: 'Анна', schoolClass: '8А', steps: 12 },
    ]);
    await setNow('2020-12-15T13:59:59Z'); // Vladivostok 23:59:59 on the 15th
    const early = await vladivostok.get<ErrorReply>('/api/cabinet/certificate.pdf');
    expect(early.status).toBe(403);
    expect(early.body.error).toEqual({
      code: 'CERTIFICATE_NOT_YET',
      message: 'Сертификат соорганизатора можно будет скачать с 16 декабря 2020 г.',
    });
    await setNow('2020-12-15T14:00:00Z'); // Vladivostok 00:00 on the 16th; Kaliningrad still the 15th
    const pdf = (c: Client) => download(server.url, '/api/cabinet/certificate.pdf', c.cookie);
    expect((await pdf(vladivostok)).status).toBe(200);
    expect((await pdf(kaliningrad)).status).toBe(403);
  });
});
