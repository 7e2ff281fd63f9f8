/**
 * «Nothing the screen called saved is lost»: the kiosk process is killed with SIGKILL right after
 * it answered a save, with the school's link down so nothing had left the PC. Restarted, it still
 * has every answer and completion, and sends them all once the link is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { eventually, KioskClient } from '../../support/kiosk/client.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { registration, stepAnswers } from '../../support/kiosk/factories.ts';
import { startLink, type Link } from '../../support/kiosk/link.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';
import { spawnKiosk, type SpawnedKiosk } from '../../support/kiosk/spawn.ts';

describe('kiosk killed with SIGKILL right after a save', () => {
  let school: TestSchool;
  let link: Link;
  let kiosk: SpawnedKiosk | undefined;
  const dataDir = tempDir('kiosk-crash-');
  const student = registration();

  beforeAll(async () => {
    school = await startSchool();
    link = await startLink(school.server.url);
  });
  afterAll(async () => {
    await kiosk?.stop();
    await link?.close();
    await school?.server.stop();
  });

  it('keeps every saved answer and completion across the crash, then delivers them', async () => {
    kiosk = await spawnKiosk([
      '--data',
      dataDir,
      '--server',
      link.url,
      '--enrollment-code',
      await school.enrollmentCode(),
    ]);
    let c = new KioskClient(kiosk.url);
    await eventually(async () => (await c.call('registrationForm', {})).ok, 20_000);
    await c.ok('register', student);
    await c.ok('activate', { code: school.code });
    await eventually(async () => (await c.ok('status', {})).sync.pending === 0);

    await link.cut();
    let saves = 0;
    for (let step = 1; step <= 4; step++) {
      for (const [itemId, value] of stepAnswers(TEST_PACK, step)) {
        await c.ok('saveAnswer', { step, itemId, value });
        saves += 1;
      }
      if (step < 4) await c.ok('completeStep', { step });
    }
    // The very last answer: the process dies the moment the kiosk says it is saved.
    const last = await c.call('saveAnswer', { step: 5, itemId: 'note', value: 'Последний ответ перед сбоем' });
    expect(last.ok).toBe(true);
    await kiosk.kill9();

    kiosk = await spawnKiosk(['--data', dataDir, '--server', link.url]);
    c = new KioskClient(kiosk.url);
    await c.ok('login', { email: student.profile.email, password: student.password });
    const progress = await c.ok('progress', {});
    expect(progress.completedSteps).toEqual([1, 2, 3]);
    expect(progress.answers['5']).toEqual({ note: 'Последний ответ перед сбоем' });
    expect(Object.values(progress.answers).flatMap((a) => Object.keys(a))).toHaveLength(saves + 1);
    expect((await c.ok('status', {})).sync.pending).toBe(saves + 1 + 3);

    await link.restore();
    await eventually(async () => (await c.ok('status', {})).sync.pending === 0, 90_000);
    const db = school.server.ctx.db;
    expect((await db.selectFrom('answers').select('item_id').execute()).length).toBe(saves + 1);
    expect((await db.selectFrom('completions').select('step').orderBy('step').execute()).map((r) => r.step)).toEqual([
      1, 2, 3,
    ]);
  }, 180_000);
});
