/**
 * Issue 15, on both dialects: a participant's export holds everything about them and nothing of
 * anyone else; the participant downloads only their own, a co-organizer only their school's
 * student; deletion on request by the organizer or (with a reason) the co-organizer erases the
 * person and keeps the accounting without them; and retention erases exactly what is past its date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../../core/calendar.ts';
import type { Verification } from '../../../core/contracts/results.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { issueParticipantCertificate } from '../../../sync-server/certificates/certificates.service.ts';
import { applyRetention } from '../../../sync-server/privacy/erasure.service.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
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
import { createCoorganizer, createOrganizer, signedIn, Client, type ErrorReply } from '../accounts/helpers.ts';
import { classTakesPart, type Enrolled } from '../results/helpers.ts';

const DAY = 86_400_000;

describe.each(DIALECTS)('export and deletion on request (%s)', (dialect) => {
  let server: TestServer;
  let organizer: Client;
  let coorgA: Client;
  let coorgB: Client;
  let schoolA: string;
  let done: Enrolled;
  let classmate: Enrolled;
  let elsewhere: Enrolled;
  let serial: string;

  const exportOf = async (client: Client, path: string) => {
    const res = await fetch(`${server.url}${path}`, { headers: client.cookie ? { cookie: client.cookie } : {} });
    return { status: res.status, type: res.headers.get('content-disposition'), text: await res.text() };
  };
  const exists = async (id: string) =>
    (await server.ctx.db.selectFrom('participants').select('id').where('id', '=', id).execute()).length === 1;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx);
    schoolA = (await createSchool(ctx, '77', 'Гимназия № 7')).id;
    const schoolB = (await createSchool(ctx, '77', 'Лицей № 2')).id;
    const codeA = (await createTariff(ctx, campaign.id, schoolA, 10)).code;
    const codeB = (await createTariff(ctx, campaign.id, schoolB, 10)).code;
    const a = await classTakesPart(server, schoolA, codeA, [
      { surname: 'Зимородкова', name: 'Евлампия', schoolClass: '9А', steps: 12 },
      { surname: 'Снегирёва', name: 'Ольга', schoolClass: '9А', steps: 3 },
    ]);
    [done, classmate] = [a[0]!, a[1]!];
    elsewhere = (
      await classTakesPart(server, schoolB, codeB, [{ surname: 'Щеглов', name: 'Пётр', schoolClass: '7Б', steps: 1 }])
    )[0]!;
    serial = (await issueParticipantCertificate(ctx, done.id)).serial;
    organizer = await signedIn(server.url, (await createOrganizer(ctx)).email);
    coorgA = await signedIn(server.url, (await createCoorganizer(ctx, schoolA)).email);
    coorgB = await signedIn(server.url, (await createCoorganizer(ctx, schoolB)).email);
  });
  afterAll(() => server.stop());

  it('exports everything about the person, in Russian, and nothing of a classmate with answers', async () => {
    const r = await exportOf(organizer, `/api/support/participants/${done.id}/export`);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^attachment; filename="moe-budushchee-dannye-uchastnika-\d{4}-\d\d-\d\d\.json"; /);
    const data = JSON.parse(r.text) as Record<string, unknown>;
    expect(data['Регистрация']).toMatchObject({
      Фамилия: 'Зимородкова',
      Имя: 'Евлампия',
      Класс: '9А',
      'E-mail': done.email,
      Регион: 'Москва',
    });
    expect(data['Согласие на обработку персональных данных']).toEqual([
      { Редакция: 'test-1', 'Дата и время': expect.stringMatching(/\(МСК\)$/) },
    ]);
    // Who gave the parent's consent and how, and when (registration: electronically, on the PC).
    expect(data['Согласие родителя (законного представителя)']).toEqual({
      'Кто дал': 'Иванова Ольга Петровна',
      'Как дано': 'Электронно родителем',
      'Дата и время': expect.stringMatching(/^\d\d\.\d\d\.\d{4}, \d\d:\d\d \(МСК\)$/),
    });
    expect(data['Код доступа']).toMatchObject({ Состояние: 'confirmed' });
    expect((data['Выполненные задания'] as unknown[]).length).toBe(12);
    expect((data['Ответы'] as unknown[]).length).toBeGreaterThan(12);
    expect(data['Результат']).toMatchObject({ Итог: expect.any(String) });
    expect(data['Сертификаты']).toEqual([{ Номер: serial, 'Дата выдачи': expect.any(String) }]);
    // No password hash, and no trace of anyone else.
    expect(r.text).not.toMatch(/scrypt\$/);
    for (const other of [classmate, elsewhere]) {
      for (const text of [other.id, other.email, other.surname]) expect(r.text).not.toContain(text);
    }
    const audit = await server.ctx.db.selectFrom('audit_log').selectAll().where('target', '=', done.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['participant.export']);
  });

  it('gives a participant on the web their own data only, by their session', async () => {
    const student = new Client(server.url);
    expect((await student.post('/api/participant/login', { email: classmate.email, password: PASSWORD })).status).toBe(
      200,
    );
    const own = await exportOf(student, '/api/participant/export');
    expect(own.status).toBe(200);
    expect(own.text).toContain(classmate.email);
    for (const text of [done.id, done.email, elsewhere.email]) expect(own.text).not.toContain(text);
    // An id in the address changes nothing: the session says who.
    const forged = await exportOf(student, `/api/participant/export?id=${done.id}`);
    expect(forged.text).not.toContain(done.email);
    expect((await exportOf(new Client(server.url), '/api/participant/export')).status).toBe(401);
  });

  it("lets a co-organizer export their own school's student, and neither export nor delete another school's", async () => {
    // The school received the parent's paper form: the export says so, by whom and when.
    const paper = await coorgA.post(`/api/cabinet/students/${classmate.id}/parent-consent`, {
      by: 'Снегирёв Павел Андреевич',
    });
    expect(paper.status).toBe(204);
    const own = await exportOf(coorgA, `/api/cabinet/students/${classmate.id}/export`);
    expect(own.status).toBe(200);
    expect(own.text).toContain(classmate.email);
    const moscow = expect.stringMatching(/^\d\d\.\d\d\.\d{4}, \d\d:\d\d \(МСК\)$/);
    expect((JSON.parse(own.text) as Record<string, unknown>)['Согласие родителя (законного представителя)']).toEqual({
      'Кто дал': 'Снегирёв Павел Андреевич',
      'Как дано': 'На бумаге в школе',
      'Дата и время': moscow,
      'Бланк получен школой': moscow,
    });
    expect((await exportOf(coorgA, `/api/cabinet/students/${elsewhere.id}/export`)).status).toBe(404);
    const r = await coorgA.post<ErrorReply>(`/api/cabinet/students/${elsewhere.id}/erase`, { reason: 'просьба' });
    expect(r.status).toBe(404);
    expect((await coorgB.post(`/api/cabinet/students/${classmate.id}/erase`, { reason: 'просьба' })).status).toBe(404);
    expect(await exists(elsewhere.id)).toBe(true);
    expect(await exists(classmate.id)).toBe(true);
  });

  it('asks the co-organizer for a reason, then erases their student and audits it without the name', async () => {
    const bare = await coorgA.post<ErrorReply>(`/api/cabinet/students/${classmate.id}/erase`, {});
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toMatch(/причину удаления/);
    expect(await exists(classmate.id)).toBe(true);
    const ok = await coorgA.post(`/api/cabinet/students/${classmate.id}/erase`, { reason: 'заявление родителя' });
    expect(ok.status).toBe(200);
    expect(await exists(classmate.id)).toBe(false);
    const audit = await server.ctx.db.selectFrom('audit_log').selectAll().where('target', '=', classmate.id).execute();
    const erase = audit.find((a) => a.action === 'participant.erase')!;
    expect(JSON.parse(erase.details)).toMatchObject({ reason: 'заявление родителя', schoolId: schoolA });
    for (const a of audit) expect(a.details).not.toContain(classmate.surname);
  });

  it('erases on the organizer’s request: the place stays used, the certificate no longer verifies as anyone’s', async () => {
    const db = server.ctx.db;
    const usedBefore = await db.selectFrom('tariffs').select('used').where('school_id', '=', schoolA).execute();
    const r = await organizer.post(`/api/support/participants/${done.id}/erase`, { reason: '' });
    expect(r.status).toBe(200);
    expect(await exists(done.id)).toBe(false);
    for (const table of ['answers', 'completions', 'completion_history'] as const) {
      expect(
        await db.selectFrom(table).select('participant_id').where('participant_id', '=', done.id).execute(),
      ).toEqual([]);
    }
    // Accounting: the activation (a code's place used) and the certificate's number stay.
    expect(await db.selectFrom('tariffs').select('used').where('school_id', '=', schoolA).execute()).toEqual(
      usedBefore,
    );
    expect(
      await db.selectFrom('activations').select('code').where('participant_id', '=', done.id).execute(),
    ).toHaveLength(1);
    const cert = await db.selectFrom('certificates').selectAll().where('serial', '=', serial).executeTakeFirstOrThrow();
    expect([cert.name, cert.school_name]).toEqual(['', '']);
    const v = (await (await fetch(`${server.url}/api/verify/${serial}`)).json()) as Verification;
    expect(v).toEqual({ valid: false, serial, erased: true });
    const page = await (await fetch(`${server.url}/verify/${serial}`)).text();
    expect(page).toContain('Сертификат больше не подтверждает ничью личность');
    // The feed keeps no change that names them: one erasure change instead.
    const feed = await db
      .selectFrom('changes')
      .select(['entity', 'key', 'data'])
      .where('school_id', '=', schoolA)
      .execute();
    const about = feed.filter((c) => c.key.startsWith(done.id));
    expect(about.map((c) => c.entity)).toEqual(['erasure']);
    expect(feed.some((c) => c.data.includes(done.email))).toBe(false);
    // The log keeps ids and outcomes for retries, not the content.
    const logged = await db.selectFrom('mutations').select('payload').where('participant_id', '=', done.id).execute();
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((m) => m.payload === '{}')).toBe(true);
    // The export and a second deletion now find no one.
    expect((await exportOf(organizer, `/api/support/participants/${done.id}/export`)).status).toBe(404);
    expect((await organizer.post(`/api/support/participants/${done.id}/erase`, {})).status).toBe(404);
  });

  it('refuses a pushed change for an erased participant, and re-creates nobody from a replayed registration', async () => {
    const device = await enroll(server.url, server.ctx, schoolA);
    const pc = new DeviceClient(server.url, device.credential, device.instanceId);
    const maker = new MutationMaker(() => server.ctx.now());
    const r = await pc.push([maker.register(done.id, `again-${done.email}`), maker.answerItem(done.id, 1)]);
    expect(r.body.outcomes.map((o) => (o.status === 'rejected' ? o.code : o.status))).toEqual([
      'PARTICIPANT_ERASED',
      'PARTICIPANT_ERASED',
    ]);
    expect(await exists(done.id)).toBe(false);
  });
});

describe.each(DIALECTS)('retention (%s)', (dialect) => {
  let server: TestServer;
  let start: number;
  let students: Enrolled[];
  let keptElsewhere: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    start = server.ctx.now();
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx, { retentionDays: 30 });
    const school = await createSchool(ctx, '77');
    const { code } = await createTariff(ctx, campaign.id, school.id, 10);
    students = await classTakesPart(server, school.id, code, [
      { surname: 'Зимородкова', name: 'Евлампия', schoolClass: '9А', steps: 2 },
      { surname: 'Снегирёва', name: 'Ольга', schoolClass: '9А', steps: 1 },
    ]);
    // A participant of another (older, inactive) campaign whose keeping has not run out.
    const older = uuidv7();
    const today = localDay(new Date(start), 'Europe/Moscow');
    await ctx.db
      .insertInto('campaigns')
      .values({
        id: older,
        year: 2025,
        title: 'Моё будущее — 2025',
        settings: JSON.stringify({
          ...(await import('../../support/factories.ts')).openSettings(new Date(start - 300 * DAY)),
          retentionDays: 3650,
        }),
        active: 0,
        created_at: start,
      })
      .execute();
    keptElsewhere = uuidv7();
    await ctx.db
      .insertInto('participants')
      .values({
        id: keptElsewhere,
        school_id: school.id,
        campaign_id: older,
        surname: 'Ласточкина',
        name: 'Вера',
        region: '77',
        locality: 'Москва',
        school_name: 'Школа',
        school_class: '10А',
        gender: 'female',
        email: `kept-${today}@school.ru`,
        password_hash: 'x',
        consent_version: 'test-1',
        consent_at: start,
        created_at: start,
      })
      .execute();
  });
  afterAll(() => server.stop());

  const left = async () =>
    (await server.ctx.db.selectFrom('participants').select('id').execute()).map((r) => r.id).sort();

  it('keeps everything through the last day of keeping, and erases exactly the campaign past it the day after', async () => {
    // openSettings: the campaign's last dated day is its regions' end, 30 days from today.
    const lastKept = Date.parse(`${addDays(localDay(new Date(start), 'Europe/Moscow'), 60)}T12:00:00+03:00`);
    server.setNow(lastKept);
    expect(await applyRetention(server.ctx)).toBe(0);
    expect(await left()).toHaveLength(3);

    server.setNow(lastKept + DAY);
    expect(await applyRetention(server.ctx)).toBe(2);
    expect(await left()).toEqual([keptElsewhere]);
    for (const s of students) {
      expect(
        await server.ctx.db
          .selectFrom('erased_participants')
          .select('cause')
          .where('participant_id', '=', s.id)
          .execute(),
      ).toEqual([{ cause: 'retention' }]);
    }
    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'participants.retention')
      .execute();
    expect(JSON.parse(audit[0]!.details)).toEqual({ erased: 2 });
    // A second run finds nothing more to do.
    expect(await applyRetention(server.ctx)).toBe(0);
  });
});
