/**
 * A class keeps going when the school's link drops: the kiosk activates from its lease
 * («leased»), or without one waits for the server («ждёт подтверждения сервера»); a code the
 * server refuses comes back as a notice the student sees; everything converges when the link returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { createTariff } from '../../support/factories.ts';
import { eventually, KioskClient } from '../../support/kiosk/client.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { registration, stepAnswers } from '../../support/kiosk/factories.ts';
import { startLink, type Link } from '../../support/kiosk/link.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';

describe('kiosk offline', () => {
  let school: TestSchool;
  let link: Link;
  let kiosk: RunningKioskHost;
  let c: KioskClient;

  beforeAll(async () => {
    school = await startSchool();
    link = await startLink(school.server.url);
    kiosk = await startKioskHost({ dataDir: tempDir(), log: () => {}, idleSyncMs: 300 });
    c = new KioskClient(kiosk.url);
    await c.ok('enroll', { serverUrl: link.url, enrollmentCode: await school.enrollmentCode(), deviceName: 'ПК 1' });
    // After its first pull the kiosk holds a lease on the school's code.
    const db = school.server.ctx.db;
    await eventually(async () => (await db.selectFrom('leases').select('id').execute()).length > 0);
    await link.cut();
    await eventually(async () => !(await c.ok('status', {})).sync.online);
  });
  afterAll(async () => {
    await kiosk?.close();
    await link?.close();
    await school?.server.stop();
  });

  const signUp = async () => {
    const client = new KioskClient(kiosk.url);
    const r = registration();
    await client.ok('register', r);
    return { client, r };
  };

  it('activates from the lease while offline, and the server confirms it later', async () => {
    const { client } = await signUp();
    const { activation } = await client.ok('activate', { code: school.code });
    expect(activation.status).toBe('leased');
    for (const [itemId, value] of stepAnswers(TEST_PACK, 1)) await client.ok('saveAnswer', { step: 1, itemId, value });
    await client.ok('completeStep', { step: 1 });
    expect((await client.ok('status', {})).sync).toMatchObject({ online: false, pending: expect.any(Number) });

    await link.restore();
    await eventually(async () => (await client.ok('me', {})).participant?.activation?.status === 'confirmed', 60_000);
    await link.cut();
  });

  it('without a lease the activation waits for the server, and the student may start the steps', async () => {
    // A code the kiosk has never heard of: no lease can cover it.
    const fresh = await createTariff(
      school.server.ctx,
      (await school.server.ctx.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow()).id,
      school.schoolId,
      5,
    );
    const { client } = await signUp();
    const { activation } = await client.ok('activate', { code: fresh.code });
    expect(activation.status).toBe('pending');
    expect(activation.message).toMatch(/ждёт подтверждения сервера/);
    await client.ok('saveAnswer', { step: 1, itemId: 'pick-one', value: stepAnswers(TEST_PACK, 1)[0]![1] });

    await link.restore();
    await eventually(async () => (await client.ok('me', {})).participant?.activation?.status === 'confirmed', 60_000);
    await link.cut();
  });

  it('a code the server refuses becomes a notice, and the student can enter another', async () => {
    const { client } = await signUp();
    expect((await client.ok('activate', { code: 'ZZZZ-ZZZZ' })).activation.status).toBe('pending');

    await link.restore();
    const me = await eventually(async () => {
      const m = await client.ok('me', {});
      return m.participant?.activation?.status === 'rejected' ? m : undefined;
    }, 60_000);
    expect(me.participant?.activation?.message).toMatch(/Такого кода нет/);
    expect(me.notices[0]?.code).toBe('CODE_UNKNOWN');
    // From this kiosk's lease at once; the server's confirmation may take longer than the brief
    // online wait on a busy machine.
    expect(['leased', 'confirmed']).toContain((await client.ok('activate', { code: school.code })).activation.status);
    await eventually(async () => (await client.ok('me', {})).participant?.activation?.status === 'confirmed', 60_000);
    // The refusal is history once a code stands: it no longer follows the student from screen to screen.
    expect((await client.ok('me', {})).notices).toEqual([]);
    const status = await client.ok('status', {});
    expect(status.sync).toMatchObject({ online: true, pending: 0, lastError: null });
    expect(status.sync.lastSyncAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it('«Понятно» puts a notice away for good, for its own student only', async () => {
    await link.restore();
    const { client } = await signUp();
    await client.ok('activate', { code: 'YYYY-YYYY' });
    const me = await eventually(async () => {
      const m = await client.ok('me', {});
      return m.notices.length ? m : undefined;
    }, 60_000);
    const notice = me.notices[0]!;
    // Another student cannot put it away.
    const { client: other } = await signUp();
    await other.ok('dismissNotice', { id: notice.id });
    expect((await client.ok('me', {})).notices.map((n) => n.id)).toEqual([notice.id]);
    await client.ok('dismissNotice', { id: notice.id });
    expect((await client.ok('me', {})).notices).toEqual([]);
  });
});
