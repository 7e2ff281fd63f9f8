/**
 * Two registrations of one student on two real kiosk hosts (issue 13): the school's internet is
 * down, so Алёна registers on PC 1, and again on PC 2 with the same e-mail, and works on both.
 * When the link returns, PC 2's registration is refused (the e-mail is taken) and its work waits at
 * the server; the co-organizer merges the two in «Повторные регистрации»; both kiosks pull the
 * merge and converge, the student still signed in at PC 2 goes on as the kept registration, and
 * at either PC she signs in and finds every step of both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import type { DuplicatesList, MergeResult } from '../../../core/contracts/duplicates.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { eventually, KioskClient } from '../../support/kiosk/client.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { registration, stepAnswers } from '../../support/kiosk/factories.ts';
import { startLink, type Link } from '../../support/kiosk/link.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';
import { createCoorganizer, signedIn, type Client } from '../accounts/helpers.ts';

interface Pc {
  host: RunningKioskHost;
  link: Link;
  /** The student at this PC. */
  student: KioskClient;
}

const WAIT_MS = 30_000;

describe.each(DIALECTS)('two PCs register the same student offline, and the merge converges (%s)', (dialect) => {
  let school: TestSchool;
  let cabinet: Client;
  let pc1: Pc;
  let pc2: Pc;
  const alena = registration({ email: 'alena.sokolova@school.ru' });
  alena.profile = { ...alena.profile, surname: 'Соколова', name: 'Алёна', schoolClass: '9А' };
  let keptId: string;
  let retiredId: string;

  const startPc = async (deviceName: string): Promise<Pc> => {
    const link = await startLink(school.server.url);
    const host = await startKioskHost({ dataDir: tempDir('merge-'), log: () => {}, idleSyncMs: 60_000 });
    const student = new KioskClient(host.url);
    await student.ok('enroll', { serverUrl: link.url, enrollmentCode: await school.enrollmentCode(), deviceName });
    return { host, link, student };
  };
  const offline = async (pc: Pc) => {
    await pc.link.cut();
    await eventually(async () => !(await pc.student.ok('status', {})).sync.online, WAIT_MS);
  };
  /** The link is back: the PC sends everything it holds. */
  const online = async (pc: Pc) => {
    await pc.link.restore();
    await eventually(async () => {
      const s = (await pc.student.ok('status', {})).sync;
      return s.online && s.pending === 0;
    }, WAIT_MS);
  };
  const doSteps = async (c: KioskClient, steps: number[]) => {
    for (const step of steps) {
      for (const [itemId, value] of stepAnswers(TEST_PACK, step)) await c.ok('saveAnswer', { step, itemId, value });
      await c.ok('completeStep', { step });
    }
  };
  const signIn = async (pc: Pc) => {
    const c = new KioskClient(pc.host.url);
    await c.ok('login', { email: alena.profile.email, password: alena.password });
    return c;
  };

  beforeAll(async () => {
    school = await startSchool(30, dialect);
    cabinet = await signedIn(school.server.url, (await createCoorganizer(school.server.ctx, school.schoolId)).email);
    pc1 = await startPc('Кабинет 12, ПК 1');
    pc2 = await startPc('Кабинет 12, ПК 2');
    await offline(pc1);
    await offline(pc2);
    keptId = (await pc1.student.ok('register', alena)).participant.id;
    await pc1.student.ok('activate', { code: school.code });
    await doSteps(pc1.student, [1, 2]);
    // At PC 2 the next lesson: PC 1's registration has not reached it, so she registers again.
    retiredId = (await pc2.student.ok('register', alena)).participant.id;
    await pc2.student.ok('activate', { code: school.code });
    await doSteps(pc2.student, [1, 2, 3]);
    await online(pc1);
    await online(pc2);
  }, 120_000);
  afterAll(async () => {
    for (const pc of [pc1, pc2]) {
      await pc?.host.close();
      await pc?.link.close();
    }
    await school?.server.stop();
  });

  it('shows the co-organizer both registrations, PC 2’s refused one with its steps waiting', async () => {
    const list = (await cabinet.get<DuplicatesList>('/api/cabinet/duplicates')).body;
    expect(list.groups).toHaveLength(1);
    expect(list.groups[0]!.registrations.map((r) => [r.id, r.device, r.stepsDone, r.onServer])).toEqual([
      [keptId, 'Кабинет 12, ПК 1', 2, true],
      [retiredId, 'Кабинет 12, ПК 2', 3, false],
    ]);
  });

  it('after the merge both kiosks converge and the student goes on with every step of both', async () => {
    const merged = await cabinet.post<MergeResult>('/api/cabinet/duplicates/merge', { keptId, retiredId });
    expect(merged.status).toBe(200);
    expect(merged.body.stepsDone).toBe(3);

    // Still signed in at PC 2 under the retired id: once PC 2 pulled the merge, she is the kept one.
    const me = await eventually(async () => {
      const m = await pc2.student.ok('me', {});
      return m.participant?.id === keptId && m.participant;
    }, WAIT_MS);
    expect(me.activation?.status).toBe('confirmed');
    const atPc2 = await pc2.student.ok('progress', {});
    expect(atPc2.completedSteps).toEqual([1, 2, 3]);

    // She finishes step 4 at PC 2; PC 1 holds all of it after its next pull.
    await doSteps(pc2.student, [4]);
    await online(pc2);
    await eventually(async () => {
      const c = await signIn(pc1);
      const p = await c.ok('progress', {});
      await c.ok('logout', {});
      return p.completedSteps.length === 4;
    }, WAIT_MS);
    const again = await signIn(pc1);
    const progress = await again.ok('progress', {});
    expect(progress.completedSteps).toEqual([1, 2, 3, 4]);
    expect(Object.keys(progress.answers).map(Number).sort()).toEqual([1, 2, 3, 4]);
    expect(progress.resume?.step).toBe(5);

    const centre = school.server.ctx.db;
    const steps = await centre.selectFrom('completions').select('step').where('participant_id', '=', keptId).execute();
    expect(steps.map((s) => s.step).sort()).toEqual([1, 2, 3, 4]);
    expect(await centre.selectFrom('participants').select('id').where('id', '=', retiredId).execute()).toEqual([]);
    const used = await centre
      .selectFrom('tariffs')
      .select('used')
      .where('code', '=', school.code)
      .executeTakeFirstOrThrow();
    expect(used.used).toBe(1);
    const left = await centre
      .selectFrom('mutations')
      .select('status')
      .where('participant_id', '=', keptId)
      .where('status', '=', 'parked')
      .execute();
    expect(left).toEqual([]);
  });
});
