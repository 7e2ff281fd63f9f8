/**
 * «Повторные регистрации» (issue 13): a student registered twice, once on each of two classroom
 * PCs, with different e-mails or the same one. The co-organizer sees both side by side and merges
 * them; every answer stays, the first completion of each step stands, one place of the code is
 * used, the school's kiosks pull the merge, and a PC's late work for the retired id is kept.
 * Another school's co-organizer reaches none of it, whatever ids they try.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicatesList, MergeResult } from '../../../core/contracts/duplicates.ts';
import { uuidv7 } from '../../../core/ids.ts';
import type { Mutation } from '../../../core/mutations/schemas.ts';
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
import { createCoorganizer, signedIn, type Client, type ErrorReply } from '../accounts/helpers.ts';

const MERGE = '/api/cabinet/duplicates/merge';

describe.each(DIALECTS)('two registrations of one student on %s', (dialect) => {
  let server: TestServer;
  let cabinetA: Client;
  let cabinetB: Client;
  let pc1: DeviceClient;
  let pc2: DeviceClient;
  let pcB: DeviceClient;
  let codeA: string;
  let codeB: string;
  let maker: MutationMaker;

  const device = async (schoolId: string, name: string) => {
    const d = await enroll(server.url, server.ctx, schoolId, name);
    return new DeviceClient(server.url, d.credential, d.instanceId);
  };
  /** A student's registration on a PC: the same name and class typed as a student would. */
  const register = (id: string, email: string, surname: string, name: string, schoolClass: string) => {
    const m = maker.register(id, email);
    m.args.profile = { ...m.args.profile, surname, name, schoolClass };
    return m;
  };
  const push = async (pc: DeviceClient, batch: Mutation[]) => {
    const r = await pc.push(batch);
    expect(r.status).toBe(200);
    return r.body.outcomes;
  };
  const used = async (code: string) =>
    (await server.ctx.db.selectFrom('tariffs').select('used').where('code', '=', code).executeTakeFirstOrThrow()).used;
  const completions = (participantId: string) =>
    server.ctx.db
      .selectFrom('completions')
      .select(['id', 'step'])
      .where('participant_id', '=', participantId)
      .orderBy('step')
      .execute();

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx);
    maker = new MutationMaker(() => ctx.now());
    const schoolA = await createSchool(ctx, '77', 'Школа № 57');
    const schoolB = await createSchool(ctx, '77', 'Школа № 1535');
    codeA = (await createTariff(ctx, campaign.id, schoolA.id, 10)).code;
    codeB = (await createTariff(ctx, campaign.id, schoolB.id, 10)).code;
    cabinetA = await signedIn(server.url, (await createCoorganizer(ctx, schoolA.id)).email);
    cabinetB = await signedIn(server.url, (await createCoorganizer(ctx, schoolB.id)).email);
    pc1 = await device(schoolA.id, 'ПК 1');
    pc2 = await device(schoolA.id, 'ПК 2');
    pcB = await device(schoolB.id, 'ПК Б');
  });
  afterAll(() => server.stop());

  describe('with different e-mails', () => {
    const first = uuidv7();
    const second = uuidv7();
    let stepOneFirst: string;
    let stepTwoSecond: string;

    beforeAll(async () => {
      // PC 1 (offline until now) holds steps 1 and 2, done first; PC 2 holds 1 to 3, step 2 done earlier there.
      const onPc1 = [register(first, 'alena.s@school.ru', 'Соколова', 'Алёна', '9А'), maker.activate(first, codeA)];
      const s1 = maker.complete(first, 1);
      stepOneFirst = s1.args.completionId;
      await push(pc1, [...onPc1, s1]);
      const onPc2 = [
        register(second, 'sokolova9a@school.ru', 'соколова ', 'Алена', '9 а'),
        maker.activate(second, codeA),
      ];
      const s2 = [maker.complete(second, 1), maker.complete(second, 2), maker.complete(second, 3)];
      stepTwoSecond = s2[1]!.args.completionId;
      await push(pc2, [...onPc2, ...s2, maker.answerItem(second, 4, 0)]);
      await push(pc1, [maker.complete(first, 2)]);
      expect(await used(codeA)).toBe(2);
    });

    it('shows both registrations side by side: e-mail, PC, code and steps done', async () => {
      const r = await cabinetA.get<DuplicatesList>('/api/cabinet/duplicates');
      expect(r.status).toBe(200);
      const group = r.body.groups.find((g) => g.registrations.some((x) => x.id === first))!;
      expect(group.registrations.map((x) => [x.id, x.email, x.device, x.code, x.stepsDone, x.onServer])).toEqual([
        [first, 'alena.s@school.ru', 'ПК 1', codeA, 2, true],
        [second, 'sokolova9a@school.ru', 'ПК 2', codeA, 3, true],
      ]);
      expect((await cabinetB.get<DuplicatesList>('/api/cabinet/duplicates')).body.groups).toEqual([]);
    });

    it('another school’s co-organizer can neither see nor merge them, whatever ids they try', async () => {
      const own = uuidv7();
      await push(pcB, [register(own, 'b.sokolova@school.ru', 'Соколова', 'Алёна', '9А'), maker.activate(own, codeB)]);
      for (const body of [
        { keptId: first, retiredId: second },
        { keptId: own, retiredId: second },
        { keptId: second, retiredId: own },
        { keptId: uuidv7(), retiredId: own },
      ]) {
        const r = await cabinetB.post<ErrorReply>(MERGE, body);
        expect(r.status).toBe(404);
      }
      expect((await cabinetA.post<ErrorReply>(MERGE, { keptId: 'not-an-id', retiredId: first })).status).toBe(400);
      expect(await server.ctx.db.selectFrom('participant_merges').selectAll().execute()).toEqual([]);
    });

    it('merges them: every step stands once, the first completion wins, one place of the code is used', async () => {
      const before = (await pc1.pullAll()).cursor;
      const r = await cabinetA.post<MergeResult>(MERGE, { keptId: first, retiredId: second });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ keptId: first, retiredId: second, stepsDone: 3 });
      expect(await completions(first)).toEqual([
        { id: stepOneFirst, step: 1 },
        { id: stepTwoSecond, step: 2 },
        { id: expect.any(String), step: 3 },
      ]);
      const history = await server.ctx.db
        .selectFrom('completion_history')
        .select('step')
        .where('participant_id', '=', first)
        .orderBy('step')
        .execute();
      expect(history.map((h) => h.step)).toEqual([1, 2]);
      const answer = await server.ctx.db
        .selectFrom('answers')
        .select('step')
        .where('participant_id', '=', first)
        .execute();
      expect(answer.map((a) => a.step)).toContain(4);
      expect(await server.ctx.db.selectFrom('participants').select('id').where('id', '=', second).execute()).toEqual(
        [],
      );
      expect(await used(codeA)).toBe(1);

      // Both PCs of the school pull the merge and the kept registration's rows.
      const pulled = (await pc2.pullAll(before)).changes;
      expect(pulled.find((c) => c.entity === 'merge')?.data).toEqual({ retiredId: second, keptId: first });
      const steps = pulled.filter((c) => c.entity === 'completion').map((c) => (c.data as { step: number }).step);
      expect(steps.sort()).toEqual([1, 2, 3]);
      expect((await pcB.pullAll()).changes.some((c) => c.entity === 'merge')).toBe(false);

      const audit = await server.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'participants.merge')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ target: first });
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ retiredId: second });
      expect((await cabinetA.get<DuplicatesList>('/api/cabinet/duplicates')).body.groups).toEqual([]);
    });

    it('keeps what a PC still sends for the retired id, once, for the kept registration', async () => {
      const late = [maker.answerItem(second, 4, 1, 1), maker.complete(second, 4)];
      const outcomes = await push(pc2, late);
      expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted']);
      expect((await completions(first)).map((c) => c.step)).toEqual([1, 2, 3, 4]);
      // A retry after a lost answer is answered from the log, and applies nothing twice.
      expect((await push(pc2, late)).map((o) => o.status)).toEqual(['accepted', 'accepted']);
      expect((await completions(first)).map((c) => c.step)).toEqual([1, 2, 3, 4]);
      const stray = await server.ctx.db
        .selectFrom('answers')
        .select('step')
        .where('participant_id', '=', second)
        .execute();
      expect(stray).toEqual([]);
    });

    it('refuses the retired e-mail at sign-in with the reason, and signs the kept one in', async () => {
      const retired = await pc1.lookup('sokolova9a@school.ru', PASSWORD);
      expect(retired.status).toBe(401);
      expect(retired.body.error?.code).toBe('REGISTRATION_MERGED');
      const kept = await pc1.lookup('alena.s@school.ru', PASSWORD);
      expect(kept.status).toBe(200);
      expect(kept.body.completions.map((c) => c.step).sort()).toEqual([1, 2, 3, 4]);
      // Merged once: the retired id is gone for good.
      expect((await cabinetA.post<ErrorReply>(MERGE, { keptId: first, retiredId: second })).status).toBe(404);
    });
  });

  it('merges a registration the server refused for a taken e-mail: its parked work joins the kept one', async () => {
    const kept = uuidv7();
    const offline = uuidv7();
    await push(pc1, [register(kept, 'petrov.i@school.ru', 'Петров', 'Иван', '8Б'), maker.activate(kept, codeA)]);
    const outcomes = await push(pc2, [
      register(offline, 'petrov.i@school.ru', 'Петров', 'Иван', '8Б'),
      maker.activate(offline, codeA),
      maker.complete(offline, 1),
      maker.complete(offline, 2),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'parked', 'parked', 'parked']);
    const list = (await cabinetA.get<DuplicatesList>('/api/cabinet/duplicates')).body;
    const group = list.groups.find((g) => g.registrations[0]!.id === kept)!;
    expect(group.registrations.map((x) => [x.id, x.device, x.stepsDone, x.onServer])).toEqual([
      [kept, 'ПК 1', 0, true],
      [offline, 'ПК 2', 2, false],
    ]);
    // Only a registration the server holds can be the one kept.
    expect((await cabinetA.post<ErrorReply>(MERGE, { keptId: offline, retiredId: kept })).body.error.code).toBe(
      'MERGE_KEPT_NOT_STORED',
    );
    const r = await cabinetA.post<MergeResult>(MERGE, { keptId: kept, retiredId: offline });
    expect(r.status).toBe(200);
    expect((await completions(kept)).map((c) => c.step)).toEqual([1, 2]);
    const parked = await server.ctx.db
      .selectFrom('mutations')
      .select('status')
      .where('participant_id', 'in', [kept, offline])
      .where('status', '=', 'parked')
      .execute();
    expect(parked).toEqual([]);
    const after = (await cabinetA.get<DuplicatesList>('/api/cabinet/duplicates')).body.groups;
    expect(after.some((g) => g.registrations.some((x) => x.id === offline || x.id === kept))).toBe(false);
  });

  it('refuses a PC’s late work for a retired registration once the kept one is erased, and keeps none of it', async () => {
    const kept = uuidv7();
    const retired = uuidv7();
    await push(pc1, [register(kept, 'orlova@school.ru', 'Орлова', 'Дарья', '7В'), maker.activate(kept, codeA)]);
    await push(pc2, [register(retired, 'orlova7v@school.ru', 'Орлова', 'Дарья', '7В'), maker.activate(retired, codeA)]);
    expect((await cabinetA.post(MERGE, { keptId: kept, retiredId: retired })).status).toBe(200);
    expect((await cabinetA.post(`/api/cabinet/students/${kept}/erase`, { reason: 'заявление родителя' })).status).toBe(
      200,
    );
    // PC 2 was offline through both: what it still holds of the retired id is the erased person's.
    const late = maker.answerItem(retired, 1, 0);
    expect((await push(pc2, [late])).map((o) => [o.status, 'code' in o ? o.code : null])).toEqual([
      ['rejected', 'PARTICIPANT_ERASED'],
    ]);
    const stored = await server.ctx.db
      .selectFrom('mutations')
      .select(['status', 'payload'])
      .where('id', '=', late.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('rejected');
    expect(stored.payload).not.toContain(late.args.itemId);
  });

  it('refuses with a reason to merge another student, or a student of another school who used our code', async () => {
    const mine = uuidv7();
    const other = uuidv7();
    const visitor = uuidv7();
    await push(pc1, [register(mine, 'kim.a@school.ru', 'Ким', 'Анна', '7В'), maker.activate(mine, codeA)]);
    await push(pc1, [register(other, 'kim.o@school.ru', 'Ким', 'Ольга', '7В'), maker.activate(other, codeA)]);
    // Registered at school B, with school A's code: A's co-organizer sees her in «Результаты».
    await push(pcB, [register(visitor, 'kim.b@school.ru', 'Ким', 'Анна', '7В'), maker.activate(visitor, codeA)]);
    const notSame = await cabinetA.post<ErrorReply>(MERGE, { keptId: mine, retiredId: other });
    expect(notSame.status).toBe(409);
    expect(notSame.body.error.code).toBe('MERGE_NOT_SAME_STUDENT');
    const elsewhere = await cabinetA.post<ErrorReply>(MERGE, { keptId: mine, retiredId: visitor });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('MERGE_OTHER_SCHOOL');
    expect(elsewhere.body.error.message).toMatch(/разных образовательных организациях/);
    const same = await cabinetA.post<ErrorReply>(MERGE, { keptId: mine, retiredId: mine });
    expect(same.body.error.code).toBe('MERGE_SAME_REGISTRATION');
  });
});
