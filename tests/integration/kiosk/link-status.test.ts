/**
 * «Нет связи с сервером» shows soon after a student's save when the server hangs (accepts the
 * connection, never answers), not only once the live socket gives up 45 s later; the answer is
 * kept and sent when the link recovers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { eventually, KioskClient } from '../../support/kiosk/client.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { registration, stepAnswers } from '../../support/kiosk/factories.ts';
import { startLink, type Link } from '../../support/kiosk/link.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';

describe('the link status when the server hangs', () => {
  let school: TestSchool;
  let link: Link;
  let kiosk: RunningKioskHost;

  beforeAll(async () => {
    school = await startSchool();
    link = await startLink(school.server.url);
    kiosk = await startKioskHost({ dataDir: tempDir(), log: () => {}, idleSyncMs: 60_000, syncTimeoutMs: 1_500 });
    const c = new KioskClient(kiosk.url);
    await c.ok('enroll', { serverUrl: link.url, enrollmentCode: await school.enrollmentCode(), deviceName: 'ПК 1' });
  });
  afterAll(async () => {
    await kiosk?.close();
    await link?.close();
    await school?.server.stop();
  });

  it('turns to offline within the exchange limit after a save, and delivers the answer later', async () => {
    const c = new KioskClient(kiosk.url);
    await c.ok('register', registration());
    await c.ok('activate', { code: school.code });
    await eventually(async () => {
      const { sync } = await c.ok('status', {});
      return sync.online && sync.pending === 0;
    });

    link.hang();
    const [itemId, value] = stepAnswers(TEST_PACK, 1)[0]!;
    await c.ok('saveAnswer', { step: 1, itemId, value });
    // The live socket still looks connected here; the push that timed out is what tells.
    await eventually(async () => !(await c.ok('status', {})).sync.online, 6_000);
    expect((await c.ok('status', {})).sync.pending).toBeGreaterThan(0);

    await link.restore();
    await eventually(async () => {
      const { sync } = await c.ok('status', {});
      return sync.online && sync.pending === 0;
    }, 30_000);
  });
});
