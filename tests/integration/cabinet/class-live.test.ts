/**
 * «Класс сейчас»: the co-organizer sees each student of the school, the PC, the step and question,
 * whether the PC holds unsent changes, and who went quiet; the screen hears over socket.io when
 * the class moves. Co-organizer A never sees B's students nor hears B's class, whatever school id
 * they send; a socket without a session gets nothing at all.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_AFTER_MS, type LiveClass } from '../../../core/contracts/class-live.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { loadContentPack } from '../../../sync-server/content/content.service.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
import {
  createCampaign,
  createSchool,
  createTariff,
  enroll,
  MutationMaker,
  TEST_PACK_FILE,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, signedIn, type Client } from '../accounts/helpers.ts';

/** A cabinet page's socket: the session cookie (if any) in the handshake, and whatever auth it claims. */
function cabinetSocket(url: string, cookie: string | undefined, auth: object = { kind: 'cabinet' }): Socket {
  return connect(url, {
    path: '/socket.io',
    auth,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
    transports: ['websocket'],
    reconnection: false,
  });
}

const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => s.once('connect', () => resolve()).once('connect_error', reject));

/** Every `class` event the socket hears, in order. */
function heard(s: Socket): string[] {
  const got: string[] = [];
  s.on('class', (m: { schoolId: string }) => got.push(m.schoolId));
  return got;
}

/** Resolves at the socket's next `class` event. */
const nextClass = (s: Socket) => new Promise<{ schoolId: string }>((resolve) => s.once('class', resolve));

describe.each(DIALECTS)('«Класс сейчас» on %s', (dialect) => {
  let server: TestServer;
  let cabinetA: Client;
  let cabinetB: Client;
  let schoolA: { id: string };
  let schoolB: { id: string };
  let pcA: DeviceClient;
  let pcB: DeviceClient;
  let makerA: MutationMaker;
  let makerB: MutationMaker;
  const alena = uuidv7();
  const petr = uuidv7();
  const other = uuidv7();
  const pack = loadContentPack(TEST_PACK_FILE);

  /** Registers a student on the PC with a name, in the school's region, and applies the code. */
  async function joins(pc: DeviceClient, maker: MutationMaker, id: string, surname: string, code: string) {
    const register = maker.register(id);
    register.args.profile = { ...register.args.profile, surname, name: 'Ученик', schoolClass: '9А' };
    const r = await pc.push([register, maker.activate(id, code)]);
    expect(r.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted']);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx);
    schoolA = await createSchool(ctx, '77', 'Школа № 57');
    schoolB = await createSchool(ctx, '77', 'Школа № 1535');
    const codeA = (await createTariff(ctx, campaign.id, schoolA.id, 25)).code;
    const codeB = (await createTariff(ctx, campaign.id, schoolB.id, 5)).code;
    const a = await enroll(server.url, ctx, schoolA.id, 'Кабинет 12, ПК 3');
    const b = await enroll(server.url, ctx, schoolB.id, 'ПК чужой школы');
    pcA = new DeviceClient(server.url, a.credential, a.instanceId);
    pcB = new DeviceClient(server.url, b.credential, b.instanceId);
    makerA = new MutationMaker(() => server.ctx.now(), pack);
    makerB = new MutationMaker(() => server.ctx.now(), pack);
    await joins(pcA, makerA, alena, 'Соколова', codeA);
    await joins(pcA, makerA, petr, 'Ёлкин', codeA);
    await joins(pcB, makerB, other, 'Чужой', codeB);
    // Алёна finishes every step; Пётр is in step 1.
    const all = pack.steps.map((_, i) => makerA.complete(alena, i + 1));
    expect((await pcA.push(all)).status).toBe(200);
    cabinetA = await signedIn(server.url, (await createCoorganizer(ctx, schoolA.id)).email);
    cabinetB = await signedIn(server.url, (await createCoorganizer(ctx, schoolB.id)).email);
  });
  afterAll(() => server.stop());

  it('shows each student of the school with the PC, the step, finished or not', async () => {
    const r = await cabinetA.get<LiveClass>('/api/cabinet/class');
    expect(r.status).toBe(200);
    expect(r.body.stepCount).toBe(pack.steps.length);
    const byName = Object.fromEntries(r.body.students.map((s) => [s.fullName, s]));
    expect(Object.keys(byName).sort()).toEqual(['Ёлкин Ученик', 'Соколова Ученик'].sort());
    expect(byName['Соколова Ученик']).toMatchObject({ finished: true, step: null, idle: false, fromElsewhere: null });
    expect(byName['Соколова Ученик']!.pc).toMatchObject({ name: 'Кабинет 12, ПК 3', unsent: 0 });
    expect(byName['Ёлкин Ученик']).toMatchObject({ finished: false, stepsDone: 0, step: 1, question: null });
  });

  it('says which question a student answered last, and that the PC still holds unsent changes', async () => {
    const item = pack.steps[0]!.items.findIndex((i) => i.type !== 'info');
    const answer = makerA.answerItem(petr, 1, 0);
    expect((await pcA.push([answer], pcA.health({ pending: 4, oldestPendingAt: server.ctx.now() }))).status).toBe(200);
    const r = await cabinetA.get<LiveClass>('/api/cabinet/class');
    const petrRow = r.body.students.find((s) => s.participantId === petr)!;
    expect(petrRow).toMatchObject({ step: 1, question: item + 1, questionCount: pack.steps[0]!.items.length });
    expect(petrRow.pc).toMatchObject({ name: 'Кабинет 12, ПК 3', unsent: 4 });
  });

  it('shows the PC a student is signed in at now, as that PC reports it, else the one of the code', async () => {
    const second = await enroll(server.url, server.ctx, schoolA.id, 'Кабинет 14, ПК 7');
    const pc2 = new DeviceClient(server.url, second.credential, second.instanceId);
    const pcOfPetr = async () =>
      (await cabinetA.get<LiveClass>('/api/cabinet/class')).body.students.find((s) => s.participantId === petr)!.pc
        ?.name;
    expect((await pc2.push([], pc2.health({ signedIn: [petr] }))).status).toBe(200);
    expect(await pcOfPetr()).toBe('Кабинет 14, ПК 7');
    // Signed out there: the PC of the code again.
    expect((await pc2.push([], pc2.health({ signedIn: [] }))).status).toBe(200);
    expect(await pcOfPetr()).toBe('Кабинет 12, ПК 3');
    // A PC of school B that claims A's student is not A's PC, and says nothing about them.
    expect((await pcB.push([], pcB.health({ signedIn: [petr] }))).status).toBe(200);
    expect(await pcOfPetr()).toBe('Кабинет 12, ПК 3');
  });

  it('marks a student who saved nothing for five minutes while not finished, and not one who finished', async () => {
    const start = server.ctx.now();
    server.setNow(start + IDLE_AFTER_MS + 1_000);
    try {
      const r = await cabinetA.get<LiveClass>('/api/cabinet/class');
      const idle = Object.fromEntries(r.body.students.map((s) => [s.participantId, s.idle]));
      expect(idle).toEqual({ [petr]: true, [alena]: false });
    } finally {
      server.setNow(start);
    }
  });

  it('tells A’s screen over socket.io when an answer of A’s class reaches the server, and never B’s', async () => {
    const a = cabinetSocket(server.url, cabinetA.cookie);
    // A co-organizer of A who claims school B in the handshake is still only A's.
    const claimsB = cabinetSocket(server.url, cabinetA.cookie, { kind: 'cabinet', schoolId: schoolB.id });
    const b = cabinetSocket(server.url, cabinetB.cookie);
    try {
      await Promise.all([connected(a), connected(claimsB), connected(b)]);
      const [heardA, heardClaimsB, heardB] = [heard(a), heard(claimsB), heard(b)];
      const toA = Promise.all([nextClass(a), nextClass(claimsB)]);
      await pcA.push([makerA.answerItem(petr, 1, 1)]);
      expect(await toA).toEqual([{ schoolId: schoolA.id }, { schoolId: schoolA.id }]);
      // B's own class moving is what B hears next: A's answer never reached B's screen.
      const toB = nextClass(b);
      await pcB.push([makerB.answerItem(other, 1, 0)]);
      expect(await toB).toEqual({ schoolId: schoolB.id });
      // And A's screens heard nothing of B's class (the next A event proves they are still listening).
      const againA = Promise.all([nextClass(a), nextClass(claimsB)]);
      await pcA.push([makerA.answerItem(petr, 1, 2)]);
      await againA;
      expect(heardB.every((s) => s === schoolB.id)).toBe(true);
      expect([...heardA, ...heardClaimsB].every((s) => s === schoolA.id)).toBe(true);
      expect(heardB).not.toHaveLength(0);
    } finally {
      for (const s of [a, claimsB, b]) s.close();
    }
  });

  it('gives B none of A’s students, whatever school id B sends', async () => {
    for (const path of [
      '/api/cabinet/class',
      `/api/cabinet/class?schoolId=${schoolA.id}`,
      `/api/cabinet/class?school=${schoolA.id}`,
    ]) {
      const r = await cabinetB.get<LiveClass>(path);
      expect(r.status).toBe(200);
      expect(r.body.students.map((s) => s.participantId)).toEqual([other]);
    }
  });

  it('refuses the class to anyone without a co-organizer session, over HTTP and socket.io', async () => {
    const anonymous = await fetch(`${server.url}/api/cabinet/class`);
    expect(anonymous.status).toBe(401);
    for (const auth of [{ kind: 'cabinet' }, { kind: 'cabinet', schoolId: schoolA.id }, { kind: 'dashboard' }]) {
      const s = cabinetSocket(server.url, undefined, auth);
      try {
        await expect(connected(s)).rejects.toThrow('UNAUTHORIZED');
      } finally {
        s.close();
      }
    }
    // A forged cookie is no session either.
    const forged = cabinetSocket(server.url, 'mb_session=forged');
    try {
      await expect(connected(forged)).rejects.toThrow('UNAUTHORIZED');
    } finally {
      forged.close();
    }
  });
});
