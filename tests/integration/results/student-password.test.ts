/**
 * «Сменить пароль»: a student forgot their password; their co-organizer sets a new one in the
 * cabinet. The student then signs in with it and no longer with the old one, the school's kiosks
 * receive the new row through the change feed, and another school's co-organizer reaches nobody.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordRule } from '../../../core/contracts/common.ts';
import type { ParticipantRow } from '../../../core/mutations/rows.ts';
import { verifyPassword } from '../../../core/node/password.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, enroll, PASSWORD } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, signedIn, type Client, type ErrorReply } from '../accounts/helpers.ts';
import { classTakesPart, type Enrolled } from './helpers.ts';

const passwordPath = (participantId: string) => `/api/cabinet/students/${encodeURIComponent(participantId)}/password`;

describe.each(DIALECTS)('«Сменить пароль» on %s', (dialect) => {
  let server: TestServer;
  let cabinetA: Client;
  let cabinetB: Client;
  let kioskA: DeviceClient;
  let kioskB: DeviceClient;
  let alena: Enrolled;
  let stranger: Enrolled;
  /** Registered on school A's kiosk with school B's code: B's student, A's kiosks hold the row. */
  let visitor: Enrolled;

  const device = async (schoolId: string) => {
    const d = await enroll(server.url, server.ctx, schoolId);
    return new DeviceClient(server.url, d.credential, d.instanceId);
  };
  const participantChanges = async (kiosk: DeviceClient, cursor: number) =>
    (await kiosk.pullAll(cursor)).changes.filter((c) => c.entity === 'participant');
  const cursorOf = async (kiosk: DeviceClient) => (await kiosk.pullAll()).cursor;
  const hashOf = async (participantId: string) =>
    (
      await server.ctx.db
        .selectFrom('participants')
        .select('password_hash')
        .where('id', '=', participantId)
        .executeTakeFirstOrThrow()
    ).password_hash;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx);
    const schoolA = await createSchool(ctx, '77', 'Школа № 57');
    const schoolB = await createSchool(ctx, '77', 'Школа № 1535');
    const codeA = (await createTariff(ctx, campaign.id, schoolA.id, 25)).code;
    const codeB = (await createTariff(ctx, campaign.id, schoolB.id, 5)).code;
    const student = async (schoolId: string, code: string, surname: string, name: string) =>
      (await classTakesPart(server, schoolId, code, [{ surname, name, schoolClass: '9А', steps: 2 }]))[0]!;
    alena = await student(schoolA.id, codeA, 'Соколова', 'Алёна');
    stranger = await student(schoolB.id, codeB, 'Чужой', 'Ученик');
    visitor = await student(schoolA.id, codeB, 'Гостева', 'Вера');
    cabinetA = await signedIn(server.url, (await createCoorganizer(ctx, schoolA.id)).email);
    cabinetB = await signedIn(server.url, (await createCoorganizer(ctx, schoolB.id)).email);
    kioskA = await device(schoolA.id);
    kioskB = await device(schoolB.id);
  });
  afterAll(() => server.stop());

  it('gives a new password of 8 easy characters: the student signs in with it, not with the old one', async () => {
    expect((await kioskA.lookup(alena.email, PASSWORD)).status).toBe(200);
    const r = await cabinetA.post<{ password: string }>(passwordPath(alena.id));
    expect(r.status).toBe(200);
    const { password } = r.body;
    // No look-alikes (0/O, 1/l/I) and no capitals: read aloud and typed without Shift.
    expect(password).toMatch(/^[a-hjkmnp-z2-9]{8}$/);
    expect(PasswordRule.safeParse(password).success).toBe(true);
    expect(r.headers.get('cache-control')).toBe('no-store');

    const signIn = await kioskA.lookup(alena.email, password);
    expect(signIn.status).toBe(200);
    expect(signIn.body.participant).toMatchObject({ id: alena.id, surname: 'Соколова', name: 'Алёна' });
    expect((await kioskA.lookup(alena.email, PASSWORD)).status).toBe(401);
  });

  it('makes a different password each time, and only the last one opens', async () => {
    const first = (await cabinetA.post<{ password: string }>(passwordPath(alena.id))).body.password;
    const second = (await cabinetA.post<{ password: string }>(passwordPath(alena.id))).body.password;
    expect(second).not.toBe(first);
    expect((await kioskA.lookup(alena.email, first)).status).toBe(401);
    expect((await kioskA.lookup(alena.email, second)).status).toBe(200);
  });

  it('hands the school’s kiosks the student’s row with the new hash, and no other school’s', async () => {
    const [fromA, fromB] = [await cursorOf(kioskA), await cursorOf(kioskB)];
    const { password } = (await cabinetA.post<{ password: string }>(passwordPath(alena.id))).body;
    const changes = await participantChanges(kioskA, fromA);
    expect(changes.map((c) => c.key)).toEqual([alena.id]);
    const row = changes[0]!.data as ParticipantRow;
    expect(row).toMatchObject({ id: alena.id, surname: 'Соколова', email: alena.email, schoolClass: '9А' });
    expect(await verifyPassword(password, row.passwordHash)).toBe(true);
    expect(await verifyPassword(PASSWORD, row.passwordHash)).toBe(false);
    expect(await participantChanges(kioskB, fromB)).toEqual([]);
  });

  it('lets the code’s school change the password of a student registered on another school’s kiosk', async () => {
    // School B lists her in «Результаты»; school A's kiosks hold her row, so A's feed carries it.
    expect((await cabinetA.post(passwordPath(visitor.id))).status).toBe(404);
    const [fromA, fromB] = [await cursorOf(kioskA), await cursorOf(kioskB)];
    const r = await cabinetB.post<{ password: string }>(passwordPath(visitor.id));
    expect(r.status).toBe(200);
    expect((await participantChanges(kioskA, fromA)).map((c) => c.key)).toEqual([visitor.id]);
    expect(await participantChanges(kioskB, fromB)).toEqual([]);
    expect((await kioskB.lookup(visitor.email, r.body.password)).status).toBe(200);
  });

  it('answers 404 for another school’s student, whatever id is tried, and changes nothing', async () => {
    const before = await hashOf(stranger.id);
    const fromB = await cursorOf(kioskB);
    const theirs = await cabinetA.post<ErrorReply>(passwordPath(stranger.id));
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.message).toMatch(/не найден/);
    expect(JSON.stringify(theirs.body)).not.toMatch(/password/);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(stranger.id), fc.uuid(), fc.string({ minLength: 1, maxLength: 80 })),
        async (id) => {
          const r = await cabinetA.post(passwordPath(id));
          expect([400, 404]).toContain(r.status);
        },
      ),
      { numRuns: 30 },
    );
    expect(await hashOf(stranger.id)).toBe(before);
    expect(await participantChanges(kioskB, fromB)).toEqual([]);
    expect((await kioskB.lookup(stranger.email, PASSWORD)).status).toBe(200);
  });
});
