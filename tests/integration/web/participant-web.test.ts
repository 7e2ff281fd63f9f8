/**
 * The participant's web API (POST /api/participant/:channel): a student at home registers, signs
 * in, gets an individual tariff and answers, against the central store, and reaches only their own
 * data whatever ids they send. Each test reads as what a student or an intruder would try.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatDayRu, type IsoDate } from '../../../core/calendar.ts';
import type { Overview } from '../../../core/contracts/dashboard.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { tariffCostKopecks } from '../../../core/tariff.ts';
import { WEB_SCHOOL_ID } from '../../../core/web.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { DeviceClient } from '../../support/device-client.ts';
import {
  createCampaign,
  createSchool,
  createTariff,
  enroll,
  MutationMaker,
  PASSWORD,
  TEST_PACK_FILE,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client, createCoorganizer, createOrganizer, signedIn, type ErrorReply } from '../accounts/helpers.ts';
import { classTakesPart } from '../results/helpers.ts';

type Participant = { participant: { id: string; activation: { code: string; status: string } | null } };

const profile = (email: string, region = '77') => ({
  surname: 'Иванова',
  name: 'Мария',
  region,
  locality: 'Москва',
  schoolName: 'Школа № 5',
  schoolClass: '9А',
  gender: 'female',
  email,
});

async function registered(server: TestServer, region = '77'): Promise<{ web: Client; id: string; email: string }> {
  const web = new Client(server.url);
  const email = `web-${uuidv7().slice(-10)}@home.ru`;
  const r = await web.post<Participant>('/api/participant/register', {
    profile: profile(email, region),
    password: PASSWORD,
    consentVersion: 'test-1',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { web, id: r.body.participant.id, email };
}

describe.each(DIALECTS)('participants on the web, %s', (dialect) => {
  let server: TestServer;
  let campaignId: string;
  let schoolB: { id: string; code: string; studentId: string };

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const campaign = await createCampaign(server.ctx);
    campaignId = campaign.id;
    const school = await createSchool(server.ctx, '77', 'Школа Б');
    const { code } = await createTariff(server.ctx, campaign.id, school.id, 20);
    const [student] = await classTakesPart(server, school.id, code, [
      { surname: 'Чужой', name: 'Ученик', schoolClass: '10Б', steps: 2 },
    ]);
    schoolB = { id: school.id, code, studentId: student!.id };
  });
  afterAll(() => server.stop());

  it('registers a student at home with a session cookie, and signs them in again', async () => {
    const { web, email, id } = await registered(server);
    expect(web.cookie).toMatch(/^mb_participant=/);
    const me = await web.post<Participant>('/api/participant/me', {});
    expect(me.body.participant.id).toBe(id);
    const again = new Client(server.url);
    expect((await again.post('/api/participant/login', { email, password: PASSWORD })).status).toBe(200);
    await again.post('/api/participant/logout', {});
    expect((await again.post<ErrorReply>('/api/participant/progress', {})).status).toBe(401);
  });

  it('refuses registration outside the region window and a repeated e-mail, in Russian', async () => {
    const closed = await new Client(server.url).post<ErrorReply>('/api/participant/register', {
      profile: profile(`closed-${uuidv7().slice(-6)}@home.ru`, '01'),
      password: PASSWORD,
      consentVersion: 'test-1',
    });
    expect([closed.status, closed.body.error.code]).toEqual([409, 'REGISTRATION_CLOSED']);
    const { email } = await registered(server);
    const twice = await new Client(server.url).post<ErrorReply>('/api/participant/register', {
      profile: profile(email),
      password: PASSWORD,
      consentVersion: 'test-1',
    });
    expect(twice.body.error.fields?.['profile.email']).toMatch(/уже зарегистрирован/);
  });

  it('validates every input with the shared contract: a 400 with a Russian reason, never a stack', async () => {
    const { web } = await registered(server);
    for (const [channel, body] of [
      ['register', { profile: { email: 'x' } }],
      ['login', { email: 1 }],
      ['saveAnswer', { step: 'one', itemId: '', value: {} }],
      ['activate', {}],
      ['buyIndividualTariff', { confirmedCostKopecks: -1 }],
      ['document', { kind: 'everything' }],
    ] as const) {
      const r = await web.post<ErrorReply>(`/api/participant/${channel}`, body);
      expect([channel, r.status, r.body.error.code]).toEqual([channel, 400, 'BAD_REQUEST']);
      expect(r.body.error.message).toMatch(/[а-я]/);
      expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await web.post<ErrorReply>('/api/participant/enroll', {})).status).toBe(404);
    expect((await web.post<ErrorReply>('/api/participant/nothing', {})).status).toBe(404);
  });

  it('rate-limits sign-in: after five wrong passwords, 429 with Retry-After', async () => {
    const { email } = await registered(server);
    const intruder = new Client(server.url);
    for (let i = 0; i < 5; i++) {
      expect((await intruder.post('/api/participant/login', { email, password: 'wrong-1234' })).status).toBe(401);
    }
    const r = await intruder.post<ErrorReply>('/api/participant/login', { email, password: PASSWORD });
    expect([r.status, r.body.error.code]).toEqual([429, 'TOO_MANY_LOGINS']);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('an individual tariff costs one place by the tariff function, is applied at once, and nobody else can use it', async () => {
    const { web, id } = await registered(server);
    const offer = await web.post<{ offered: boolean; costKopecks: number; refusal: string | null }>(
      '/api/participant/individualTariff',
      {},
    );
    expect(offer.body).toMatchObject({ offered: true, costKopecks: tariffCostKopecks(1, 15_000), refusal: null });
    const changed = await web.post<ErrorReply>('/api/participant/buyIndividualTariff', { confirmedCostKopecks: 1 });
    expect([changed.status, changed.body.error.code]).toEqual([409, 'TARIFF_COST_CHANGED']);
    const bought = await web.post<{ activation: { code: string; status: string } }>(
      '/api/participant/buyIndividualTariff',
      { confirmedCostKopecks: offer.body.costKopecks },
    );
    expect(bought.body.activation.status).toBe('confirmed');
    const tariff = await server.ctx.db
      .selectFrom('tariffs')
      .selectAll()
      .where('code', '=', bought.body.activation.code)
      .executeTakeFirstOrThrow();
    expect([tariff.school_id, tariff.participants, tariff.used, tariff.created_by]).toEqual([WEB_SCHOOL_ID, 1, 1, id]);
    // A second tariff is not needed, and another student cannot apply this code.
    const again = await web.post<{ refusal: string | null }>('/api/participant/individualTariff', {});
    expect(again.body.refusal).toMatch(/уже приняли участие/);
    const other = await registered(server);
    const taken = await other.web.post<{ activation: { status: string; message: string } }>(
      '/api/participant/activate',
      { code: bought.body.activation.code },
    );
    expect(taken.body.activation.status).toBe('rejected');
    // No co-organizer sees the student: their results belong to no school.
    const coorganizer = await signedIn(server.url, (await createCoorganizer(server.ctx, schoolB.id)).email);
    const results = await coorganizer.get<{ results: { participantId: string }[] }>('/api/cabinet/results');
    expect(results.body.results.map((r) => r.participantId)).not.toContain(id);
  });

  it('refuses an individual tariff after the tariff deadline, naming the date', async () => {
    const { email } = await registered(server);
    const campaign = await server.ctx.db
      .selectFrom('campaigns')
      .select('settings')
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    const deadline = (JSON.parse(campaign.settings) as { tariffDeadline: IsoDate }).tariffDeadline;
    server.setNow(Date.parse(`${deadline}T12:00:00Z`) + 2 * 86_400_000);
    try {
      // Days later the student signs in anew (a session lasts hours).
      const web = new Client(server.url);
      expect((await web.post('/api/participant/login', { email, password: PASSWORD })).status).toBe(200);
      const said = `до ${formatDayRu(deadline)} включительно`;
      const offer = await web.post<{ refusal: string | null }>('/api/participant/individualTariff', {});
      expect(offer.body.refusal).toContain(said);
      const buy = await web.post<ErrorReply>('/api/participant/buyIndividualTariff', { confirmedCostKopecks: 15_000 });
      expect(buy.status).toBe(409);
      expect(buy.body.error.message).toContain(said);
    } finally {
      server.setNow(Date.now());
    }
  });

  it('reaches only the student’s own data, whatever ids a request carries', async () => {
    const { web, id } = await registered(server);
    const school = await createTariff(server.ctx, campaignId, schoolB.id, 5);
    expect((await web.post<Participant>('/api/participant/activate', { code: school.code })).status).toBe(200);
    // Another student's id smuggled into the body is not read: the answer is this student's.
    const saved = await web.post('/api/participant/saveAnswer', {
      step: 1,
      itemId: 'pick-one',
      value: 'nature',
      participantId: schoolB.studentId,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const theirs = await server.ctx.db
      .selectFrom('answers')
      .select('participant_id')
      .where('item_id', '=', 'pick-one')
      .where('participant_id', 'in', [id, schoolB.studentId])
      .execute();
    expect(theirs.map((r) => r.participant_id)).toEqual([id]);
    // Channels that take nothing refuse anything extra.
    const smuggled = await web.post<ErrorReply>('/api/participant/progress', { participantId: schoolB.studentId });
    expect(smuggled.status).toBe(400);
    const progress = await web.post<{ completedSteps: number[] }>('/api/participant/progress', {});
    expect(progress.body.completedSteps).toEqual([]);
    // Documents are the student's own only (and only once every step is done).
    const doc = await web.post<ErrorReply>('/api/participant/document', {
      kind: 'certificate',
      participantId: schoolB.studentId,
    });
    expect([doc.status, doc.body.error.code]).toEqual([409, 'NOT_YET']);
    // No school's data: the cabinet, the dashboard and the sync API refuse a participant's cookie.
    for (const path of ['/api/cabinet/overview', '/api/cabinet/results', '/api/organizer/campaign']) {
      expect((await web.get<ErrorReply>(path)).status, path).toBe(401);
    }
    expect((await web.get<ErrorReply>('/api/sync/pull')).status).toBe(401);
    expect((await web.get<ErrorReply>(`/api/cabinet/results/${schoolB.studentId}.pdf`)).status).toBe(401);
    // A forged cookie is nobody.
    const forged = new Client(server.url);
    forged.cookie = `mb_participant=${uuidv7()}`;
    expect((await forged.post<ErrorReply>('/api/participant/progress', {})).status).toBe(401);
    // And a co-organizer's cabinet session is not a participant's.
    const coorganizer = await signedIn(server.url, (await createCoorganizer(server.ctx, schoolB.id)).email);
    expect((await coorganizer.post<ErrorReply>('/api/participant/progress', {})).status).toBe(401);
  });

  it('takes a resent answer (same mutation id) once', async () => {
    const { web, id } = await registered(server);
    await web.post('/api/participant/buyIndividualTariff', { confirmedCostKopecks: 15_000 });
    const mutationId = uuidv7();
    for (let i = 0; i < 3; i++) {
      const r = await web.post('/api/participant/saveAnswer', {
        step: 1,
        itemId: 'pick-one',
        value: 'art',
        mutationId,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const logged = await server.ctx.db.selectFrom('mutations').select('id').where('id', '=', mutationId).execute();
    expect(logged).toHaveLength(1);
    const conflicts = await server.ctx.db
      .selectFrom('mutation_conflicts')
      .select('id')
      .where('mutation_id', '=', mutationId)
      .execute();
    expect(conflicts).toEqual([]);
    expect(id).toBeTruthy();
  });

  it("shows the organizer individual tariffs apart from schools' in the campaign's numbers", async () => {
    const { web } = await registered(server);
    await web.post('/api/participant/buyIndividualTariff', { confirmedCostKopecks: 15_000 });
    const organizer = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    const country = (await organizer.get<Overview>('/api/organizer/overview')).body;
    const rows = await server.ctx.db.selectFrom('tariffs').select(['school_id', 'participants']).execute();
    const mine = rows.filter((r) => r.school_id === WEB_SCHOOL_ID);
    expect(country.individual).toMatchObject({ tariffs: mine.length, places: mine.length });
    expect(country.individual!.moneyKopecks).toBe(mine.length * 15_000);
    // Schools' tariffs alone make the country's totals; the web participants' row is no school.
    expect(country.totals.tariffs).toBe(rows.length - mine.length);
    expect(country.totals.places).toBe(
      rows.filter((r) => r.school_id !== WEB_SCHOOL_ID).reduce((n, r) => n + r.participants, 0),
    );
  });

  it('tells the co-organizer before a download when certificates would print an address only the school network opens', async () => {
    const coorganizer = await signedIn(server.url, (await createCoorganizer(server.ctx, schoolB.id)).email);
    const overview = await coorganizer.get<{ certificateAddress: { url: string; everywhere: boolean } }>(
      '/api/cabinet/overview',
    );
    // Opened as http://127.0.0.1:…, without PUBLIC_URL: never the loopback address, and a warning.
    expect(overview.body.certificateAddress.everywhere).toBe(false);
    expect(overview.body.certificateAddress.url).not.toMatch(/127\.0\.0\.1|localhost/);
    const configured = await startTestServer(dialect, { publicUrl: 'https://moe.example.ru' });
    try {
      await createCampaign(configured.ctx);
      const school = await createSchool(configured.ctx, '77');
      const co = await signedIn(configured.url, (await createCoorganizer(configured.ctx, school.id)).email);
      const r = await co.get<{ certificateAddress: { url: string; everywhere: boolean } }>('/api/cabinet/overview');
      expect(r.body.certificateAddress).toEqual({ url: 'https://moe.example.ru', everywhere: true });
    } finally {
      await configured.stop();
    }
  });

  it("a student registered on a school kiosk goes on at home, and the school's kiosks get what they did", async () => {
    const device = await enroll(server.url, server.ctx, schoolB.id, 'ПК 7');
    const kiosk = new DeviceClient(server.url, device.credential, device.instanceId);
    const maker = new MutationMaker(() => server.ctx.now());
    const id = uuidv7();
    const email = `kiosk-${id.slice(-8)}@school.ru`;
    const school = await createTariff(server.ctx, campaignId, schoolB.id, 3);
    const pushed = await kiosk.push([
      maker.register(id, email),
      maker.activate(id, school.code),
      maker.complete(id, 1),
    ]);
    expect(pushed.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const { cursor } = await kiosk.pullAll();

    const web = new Client(server.url);
    expect((await web.post('/api/participant/login', { email, password: PASSWORD })).status).toBe(200);
    const progress = await web.post<{ completedSteps: number[]; resume: { step: number } }>(
      '/api/participant/progress',
      {},
    );
    expect(progress.body.completedSteps).toEqual([1]);
    expect(progress.body.resume.step).toBe(2);
    expect(
      (await web.post('/api/participant/saveAnswer', { step: 2, itemId: 'pick-many', value: ['art'] })).status,
    ).toBe(200);
    expect((await web.post('/api/participant/completeStep', { step: 2 })).status).toBe(200);

    const { changes } = await kiosk.pullAll(cursor);
    const keys = changes.map((c) => `${c.entity}:${c.key}`);
    expect(keys).toContain(`answer:${id}:2:pick-many`);
    expect(keys).toContain(`completion:${id}:2`);
  });
});

describe.each(DIALECTS)('an individual tariff bought before the activation date, %s', (dialect) => {
  let server: TestServer;
  afterAll(() => server.stop());

  it('is kept for the student and applied at their first visit from that day', async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const today = new Date(server.ctx.now()).toISOString().slice(0, 10) as IsoDate;
    await createCampaign(server.ctx, { activationFrom: addDays(today, 3) });
    const { web, email } = await registered(server);
    const bought = await web.post<{ activation: { status: string; message: string } }>(
      '/api/participant/buyIndividualTariff',
      { confirmedCostKopecks: 15_000 },
    );
    expect(bought.body.activation.status).toBe('pending');
    expect(bought.body.activation.message).toContain(formatDayRu(addDays(today, 3)));
    // Not applied yet, and not bought twice.
    expect((await web.post<Participant>('/api/participant/me', {})).body.participant.activation).toBeNull();
    const offer = await web.post<{ refusal: string | null }>('/api/participant/individualTariff', {});
    expect(offer.body.refusal).toMatch(/Тариф получен/);

    server.setNow(Date.parse(`${addDays(today, 4)}T09:00:00Z`));
    const later = new Client(server.url);
    expect((await later.post('/api/participant/login', { email, password: PASSWORD })).status).toBe(200);
    const me = await later.post<Participant>('/api/participant/me', {});
    expect(me.body.participant.activation?.status).toBe('confirmed');
  });
});
