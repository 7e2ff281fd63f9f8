/**
 * «Получить тарифы для участников»: «Количество участников», «Получить», a new code each time;
 * «Приобретенные тарифы» shows each code with its places, how many are used and how many remain.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCode } from '../../../core/codes.ts';
import type { PurchasedTariff } from '../../../core/contracts/api.ts';
import { obtainTariff } from '../../../sync-server/tariffs/tariffs.service.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, enroll, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, signedIn, type Client, type ErrorReply } from '../accounts/helpers.ts';

type Purchased = { tariffs: PurchasedTariff[]; totalParticipants: number; totalUsed: number };

describe.each(DIALECTS)('tariffs in the cabinet on %s', (dialect) => {
  let server: TestServer;
  let cabinet: Client;
  let school: { id: string; region: string; name: string };
  let coorganizerId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    await createCampaign(server.ctx, { pricePerParticipantKopecks: 15_000 });
    school = await createSchool(server.ctx);
    const u = await createCoorganizer(server.ctx, school.id);
    coorganizerId = u.id;
    cabinet = await signedIn(server.url, u.email);
  });
  afterAll(() => server.stop());

  it('gives a new 8-character code for the confirmed number of participants, with its cost', async () => {
    const r = await cabinet.post<PurchasedTariff>('/api/cabinet/tariffs', { participants: 25 });
    expect(r.status).toBe(201);
    expect(isValidCode(r.body.code)).toBe(true);
    expect(r.body).toMatchObject({ participants: 25, costKopecks: 25 * 15_000, used: 0, remaining: 25 });
  });

  it('gives another code each time the number of participants grows', async () => {
    const first = await cabinet.post<PurchasedTariff>('/api/cabinet/tariffs', { participants: 1 });
    const second = await cabinet.post<PurchasedTariff>('/api/cabinet/tariffs', { participants: 10_000 });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.code).not.toBe(second.body.code);
    expect(second.body.costKopecks).toBe(10_000 * 15_000);
  });

  it('refuses 0, 10 001, 1.5 and text with 400 and the Russian reason', async () => {
    const cases: [unknown, string][] = [
      [0, 'Количество участников — от 1 до 10\u202f000'],
      [10_001, 'Количество участников — от 1 до 10\u202f000'],
      [1.5, 'Количество участников должно быть целым числом'],
      ['5', 'Укажите количество участников числом'],
    ];
    for (const [participants, message] of cases) {
      const r = await cabinet.post<ErrorReply>('/api/cabinet/tariffs', { participants });
      expect(r.status).toBe(400);
      expect(r.body.error.fields).toEqual({ participants: message });
    }
  });

  it('lists «Приобретенные тарифы» oldest first with used and remaining places', async () => {
    const { body: before } = await cabinet.get<Purchased>('/api/cabinet/tariffs');
    const first = before.tariffs[0]!;
    await server.ctx.db.updateTable('tariffs').set({ used: 7, reserved: 5 }).where('id', '=', first.id).execute();
    const { body } = await cabinet.get<Purchased>('/api/cabinet/tariffs');
    expect(body.tariffs.map((t) => t.participants)).toEqual([25, 1, 10_000]);
    // Places leased to offline kiosks are a reservation, not use: remaining counts only confirmed activations.
    expect(body.tariffs[0]).toMatchObject({ participants: 25, used: 7, remaining: 18 });
    expect(body).toMatchObject({ totalParticipants: 10_026, totalUsed: 7 });
  });

  it("puts each new code in the school's change feed, so its kiosks pull it, and nudges the cabinet", async () => {
    const e = await enroll(server.url, server.ctx, school.id);
    const kiosk = new DeviceClient(server.url, e.credential, e.instanceId);
    const { cursor } = await kiosk.pullAll();
    const socket = io(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { kind: 'cabinet' },
      extraHeaders: { cookie: cabinet.cookie! },
    });
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
      const nudged = new Promise((resolve) => socket.once('changes', resolve));
      const { body: t } = await cabinet.post<PurchasedTariff>('/api/cabinet/tariffs', { participants: 12 });
      expect(await nudged).toEqual({ schoolId: school.id });
      const { changes } = await kiosk.pullAll(cursor);
      expect(changes).toEqual([
        expect.objectContaining({
          entity: 'code',
          key: t.code,
          data: expect.objectContaining({ code: t.code, tariffId: t.id, capacity: 12 }),
        }),
      ]);
    } finally {
      socket.close();
    }
  });

  it('draws another code when a new one collides with an existing code', async () => {
    const { body } = await cabinet.get<Purchased>('/api/cabinet/tariffs');
    const taken = body.tariffs[0]!.code;
    const drawn = [taken, taken, 'ZZZZ2222'];
    const t = await obtainTariff(server.ctx, { userId: coorganizerId, school: { ...school, locality: 'Москва' } }, 3, {
      generate: () => drawn.shift()!,
    });
    expect(t.code).toBe('ZZZZ2222');
    expect(drawn).toEqual([]);
    const rows = await server.ctx.db.selectFrom('tariffs').select('id').where('code', '=', taken).execute();
    expect(rows).toHaveLength(1);
  });

  it('gives up with 503 and a Russian message when every draw collides', async () => {
    const err = await obtainTariff(
      server.ctx,
      { userId: coorganizerId, school: { ...school, locality: 'Москва' } },
      3,
      { generate: () => 'ZZZZ2222', maxAttempts: 3 },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, message: 'Не удалось выдать новый код. Нажмите «Получить» ещё раз.' });
  });

  it('charges only the total the co-organizer confirmed: another price is refused with the new total', async () => {
    const count = async () => (await cabinet.get<Purchased>('/api/cabinet/tariffs')).body.tariffs.length;
    const before = await count();
    // Confirmed at 100 ₽ a participant; the price is 150 ₽ now.
    const stale = await cabinet.post<ErrorReply>('/api/cabinet/tariffs', { participants: 4, costKopecks: 4 * 10_000 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toEqual({
      code: 'TARIFF_COST_CHANGED',
      message:
        'Цена за участника изменилась: итоговая стоимость для 4 участников теперь 600\u00a0₽. Проверьте её и подтвердите ещё раз.',
    });
    expect(await count()).toBe(before);
    const ok = await cabinet.post<PurchasedTariff>('/api/cabinet/tariffs', {
      participants: 4,
      costKopecks: 4 * 15_000,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ participants: 4, costKopecks: 60_000 });
  });
});
