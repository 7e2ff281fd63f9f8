/**
 * Who reaches what: a co-organizer only ever their own school's tariffs, devices, rejected
 * records and students' passwords, whatever ids they send; organizer endpoints refuse
 * co-organizers; nobody unsigned.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, enroll } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { classTakesPart } from '../results/helpers.ts';
import { Client, createCoorganizer, createOrganizer, signedIn, type ErrorReply } from './helpers.ts';

const CABINET = [
  ['GET', '/api/cabinet/overview'],
  ['GET', '/api/cabinet/schedule'],
  ['GET', '/api/cabinet/tariffs'],
  ['POST', '/api/cabinet/tariffs'],
  ['POST', '/api/cabinet/enrollments'],
  ['GET', '/api/cabinet/devices'],
  ['POST', `/api/cabinet/devices/${uuidv7()}/revoke`],
  ['GET', '/api/cabinet/rejections'],
  ['POST', `/api/cabinet/students/${uuidv7()}/password`],
] as const;
const ORGANIZER = [
  ['GET', '/api/organizer/campaign'],
  ['PUT', '/api/organizer/campaign'],
  ['GET', '/api/organizer/schools'],
] as const;

describe.each(DIALECTS)('authorization on %s', (dialect) => {
  let server: TestServer;
  let a: Client;
  let b: { schoolId: string; code: string; deviceId: string; rejectionId: string; studentId: string };
  let organizer: Client;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx);
    const schoolA = await createSchool(ctx, '77', 'Школа А');
    const schoolB = await createSchool(ctx, '77', 'Школа Б');
    await createTariff(ctx, campaign.id, schoolA.id, 10);
    const { code } = await createTariff(ctx, campaign.id, schoolB.id, 20);
    const { deviceId } = await enroll(server.url, ctx, schoolB.id, 'ПК школы Б');
    const rejectionId = uuidv7();
    await ctx.db
      .insertInto('mutations')
      .values({
        id: rejectionId,
        device_id: deviceId,
        school_id: schoolB.id,
        seq: 1,
        name: 'code.activate',
        hash: 'h',
        payload: '{}',
        status: 'rejected',
        code: 'CODE_FULL',
        message: 'полон',
        participant_id: null,
        received_at: ctx.now(),
      })
      .execute();
    const [student] = await classTakesPart(server, schoolB.id, code, [
      { surname: 'Чужой', name: 'Ученик', schoolClass: '10Б', steps: 0 },
    ]);
    b = { schoolId: schoolB.id, code, deviceId, rejectionId, studentId: student!.id };
    a = await signedIn(server.url, (await createCoorganizer(ctx, schoolA.id)).email);
    await createCoorganizer(ctx, schoolB.id);
    organizer = await signedIn(server.url, (await createOrganizer(ctx)).email);
  });
  afterAll(() => server.stop());

  it('answers 401 to every cabinet and organizer endpoint without a session', async () => {
    const anon = new Client(server.url);
    for (const [method, path] of [...CABINET, ...ORGANIZER]) {
      const r = await anon.call<ErrorReply>(method, path, method === 'GET' ? undefined : {});
      expect([path, r.status, r.body.error.code]).toEqual([path, 401, 'UNAUTHORIZED']);
    }
  });

  it('refuses organizer endpoints to a co-organizer and cabinet endpoints to an organizer', async () => {
    for (const [method, path] of ORGANIZER)
      expect((await a.call(method, path, method === 'GET' ? undefined : {})).status).toBe(403);
    for (const [method, path] of CABINET)
      expect((await organizer.call(method, path, method === 'GET' ? undefined : {})).status).toBe(403);
  });

  it("never lists another school's tariffs, devices or rejected records, whatever the query says", async () => {
    for (const q of ['', `?schoolId=${b.schoolId}`, `?school_id=${b.schoolId}&id=${b.deviceId}`]) {
      const tariffs = await a.get<{ tariffs: { code: string }[] }>(`/api/cabinet/tariffs${q}`);
      expect(tariffs.body.tariffs.map((t) => t.code)).not.toContain(b.code);
      expect(tariffs.body.tariffs).toHaveLength(1);
      const devices = await a.get<{ id: string }[]>(`/api/cabinet/devices${q}`);
      expect(devices.body).toEqual([]);
      const rejections = await a.get<{ mutationId: string }[]>(`/api/cabinet/rejections${q}`);
      expect(rejections.body).toEqual([]);
    }
  });

  it("cannot revoke another school's device by its id, nor by any other id", async () => {
    const r = await a.post<ErrorReply>(`/api/cabinet/devices/${b.deviceId}/revoke`);
    expect(r.status).toBe(404);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.constant(b.deviceId), fc.uuid()),
        async (id) => {
          const res = await a.post(`/api/cabinet/devices/${encodeURIComponent(id)}/revoke`);
          expect([400, 404]).toContain(res.status);
        },
      ),
      { numRuns: 40 },
    );
    const device = await server.ctx.db
      .selectFrom('devices')
      .select('revoked_at')
      .where('id', '=', b.deviceId)
      .executeTakeFirstOrThrow();
    expect(device.revoked_at).toBeNull();
  });

  it("cannot change another school's student's password, by their id or any other", async () => {
    const hash = () =>
      server.ctx.db
        .selectFrom('participants')
        .select('password_hash')
        .where('id', '=', b.studentId)
        .executeTakeFirstOrThrow();
    const before = await hash();
    const r = await a.post<ErrorReply>(`/api/cabinet/students/${b.studentId}/password`, { schoolId: b.schoolId });
    expect([r.status, r.body.error.code]).toEqual([404, 'NOT_FOUND']);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.constant(b.studentId), fc.uuid()),
        async (id) => {
          const res = await a.post(`/api/cabinet/students/${encodeURIComponent(id)}/password`);
          expect([400, 404]).toContain(res.status);
        },
      ),
      { numRuns: 40 },
    );
    expect(await hash()).toEqual(before);
  });

  it('obtains a tariff only for its own school, even when the body names another', async () => {
    const r = await a.post<{ code: string }>('/api/cabinet/tariffs', {
      participants: 3,
      schoolId: b.schoolId,
      school_id: b.schoolId,
    });
    expect(r.status).toBe(201);
    const row = await server.ctx.db
      .selectFrom('tariffs')
      .select('school_id')
      .where('code', '=', r.body.code)
      .executeTakeFirstOrThrow();
    expect(row.school_id).not.toBe(b.schoolId);
    const bTariffs = await server.ctx.db
      .selectFrom('tariffs')
      .select('id')
      .where('school_id', '=', b.schoolId)
      .execute();
    expect(bTariffs).toHaveLength(1);
  });
});
