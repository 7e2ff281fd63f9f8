/**
 * The kiosk as a device of its school: live nudges make a second kiosk pull at once; a cloned
 * disk image and a revoked PC are told to enrol again instead of being merged or silently failing;
 * a PC moved to another school sends its old school's changes first and then forgets that school.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKioskCore, type KioskCore } from '../../../electron/host/core.ts';
import { startKioskHost } from '../../../electron/host/host.ts';
import { getMeta } from '../../../electron/host/store/meta.ts';
import { participantsByEmail } from '../../../electron/host/store/rows.ts';
import { isAppUrl } from '../../../electron/shell/origin.ts';
import { createEnrollmentCode, revokeDevice } from '../../../sync-server/devices/devices.service.ts';
import { createSchool } from '../../support/factories.ts';
import { eventually, KioskClient } from '../../support/kiosk/client.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { registration } from '../../support/kiosk/factories.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';

const quiet = () => {};

describe('kiosk as a device of its school', () => {
  let school: TestSchool;
  beforeAll(async () => {
    school = await startSchool();
  });
  afterAll(() => school?.server.stop());

  const enrolledCore = async (dataDir = tempDir(), fingerprint?: string): Promise<KioskCore> => {
    const core = await startKioskCore({
      dataDir,
      trustSender: isAppUrl,
      log: quiet,
      idleSyncMs: 120_000,
      ...(fingerprint ? { fingerprint } : {}),
    });
    if (!core.host.engine.enrollment()) {
      const input = { serverUrl: school.server.url, enrollmentCode: await school.enrollmentCode(), deviceName: 'ПК' };
      const r = await core.dispatch('enroll', input, { sessionId: null });
      expect(r.ok).toBe(true);
    }
    return core;
  };

  it('pulls at once when the server nudges over socket.io', async () => {
    const watcher = await enrolledCore();
    const kiosk = await startKioskHost({ dataDir: tempDir(), log: quiet, idleSyncMs: 120_000 });
    const c = new KioskClient(kiosk.url);
    await c.ok('enroll', {
      serverUrl: school.server.url,
      enrollmentCode: await school.enrollmentCode(),
      deviceName: 'ПК 2',
    });
    await eventually(async () => watcher.host.engine.live());
    const student = registration();
    await c.ok('register', student);
    // The watcher's idle round is two minutes away: only the nudge can bring the student this fast.
    await eventually(async () => participantsByEmail(watcher.host.store, student.profile.email).length === 1, 5_000);
    await kiosk.close();
    await watcher.close();
  });

  it('a cloned installation is told to enrol again; the original keeps working', async () => {
    const dir = tempDir();
    const original = await enrolledCore(dir);
    await original.close();
    const copyDir = tempDir();
    cpSync(dir, copyDir, { recursive: true });

    const clone = await enrolledCore(copyDir, 'another-pc');
    await clone.host.engine.syncNow();
    const status = await clone.dispatch('status', {}, { sessionId: null });
    expect(status.ok && status.value).toMatchObject({
      enrolled: false,
      sync: { lastError: expect.stringMatching(/скопирован/) },
    });

    const again = await startKioskCore({ dataDir: dir, trustSender: isAppUrl, log: quiet });
    expect(await again.host.engine.syncNow()).toBe(true);
    await again.close();

    const input = { serverUrl: school.server.url, enrollmentCode: await school.enrollmentCode(), deviceName: 'ПК 3' };
    expect((await clone.dispatch('enroll', input, { sessionId: null })).ok).toBe(true);
    expect(await clone.host.engine.syncNow()).toBe(true);
    await clone.close();
  });

  it('a revoked PC shows the enrolment form again', async () => {
    const core = await enrolledCore();
    const deviceId = getMeta(core.host.store, 'enrollment')!.deviceId;
    await revokeDevice(school.server.ctx, school.schoolId, deviceId);
    expect(await core.host.engine.syncNow()).toBe(false);
    const status = await core.dispatch('status', {}, { sessionId: null });
    expect(status.ok && status.value).toMatchObject({ enrolled: false });
    await core.close();
  });

  const anotherSchoolCode = async () => {
    const other = await createSchool(school.server.ctx, '50');
    return { schoolId: other.id, code: (await createEnrollmentCode(school.server.ctx, other.id, 'test')).code };
  };
  const centralParticipant = (email: string) =>
    school.server.ctx.db.selectFrom('participants').select('school_id').where('email', '=', email).executeTakeFirst();

  it('a PC moved to another school sends what it has first, then forgets the old school', async () => {
    const dir = tempDir();
    const core = await enrolledCore(dir);
    const student = registration();
    const reg = await core.dispatch('register', student, { sessionId: null });
    expect(reg.ok).toBe(true);
    // The idle round is two minutes away: the registration is still in the outbox.
    expect((await core.dispatch('status', {}, { sessionId: null })).ok).toBe(true);
    const other = await anotherSchoolCode();
    const moved = await core.dispatch(
      'enroll',
      { serverUrl: school.server.url, enrollmentCode: other.code, deviceName: 'ПК' },
      { sessionId: null },
    );
    expect(moved.ok).toBe(true);
    // Sent under the old credential, so the student stays with the old school at the centre.
    expect(await centralParticipant(student.profile.email)).toEqual({ school_id: school.schoolId });
    expect(participantsByEmail(core.host.store, student.profile.email)).toEqual([]);
    // Nothing of the old school's students stays on the PC (a student may still sign in online,
    // as on any kiosk of the campaign: the server checks the password and hands the record over).
    const left = core.host.store.first(
      core.host.store.q.selectFrom('participants').select((eb) => eb.fn.countAll<number>().as('n')),
    );
    expect(Number(left?.n)).toBe(0);
    // Nor in the file's free pages or the journal, where a deleted row's bytes would linger.
    const onDisk = ['kiosk.sqlite', 'kiosk.sqlite-wal']
      .filter((f) => existsSync(join(dir, f)))
      .map((f) => readFileSync(join(dir, f)).toString('latin1'));
    expect(onDisk.some((bytes) => bytes.includes(student.profile.email))).toBe(false);
    expect(getMeta(core.host.store, 'enrollment')?.schoolId).toBe(other.schoolId);
    await core.close();
  });

  it("a PC that cannot send its old school's changes is not moved, and says how to fix it", async () => {
    const core = await enrolledCore();
    const deviceId = getMeta(core.host.store, 'enrollment')!.deviceId;
    await revokeDevice(school.server.ctx, school.schoolId, deviceId);
    const student = registration();
    expect((await core.dispatch('register', student, { sessionId: null })).ok).toBe(true);
    expect(await core.host.engine.syncNow()).toBe(false);

    const other = await anotherSchoolCode();
    const refused = await core.dispatch(
      'enroll',
      { serverUrl: school.server.url, enrollmentCode: other.code, deviceName: 'ПК' },
      { sessionId: null },
    );
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(
      /неотправленные данные участников.*изменений: 1.*подключите компьютер к прежней организации/,
    );
    expect(participantsByEmail(core.host.store, student.profile.email)).toHaveLength(1);
    expect(await centralParticipant(student.profile.email)).toBeUndefined();
    // Refused before it was used: no device of the other school came of it.
    const othersDevices = await school.server.ctx.db
      .selectFrom('devices')
      .select('id')
      .where('school_id', '=', other.schoolId)
      .execute();
    expect(othersDevices).toEqual([]);

    // Enrolled to its own school again, the PC delivers the student there...
    const input = { serverUrl: school.server.url, enrollmentCode: await school.enrollmentCode(), deviceName: 'ПК' };
    expect((await core.dispatch('enroll', input, { sessionId: null })).ok).toBe(true);
    await eventually(async () => (await centralParticipant(student.profile.email))?.school_id === school.schoolId);
    // ...and then the other school's code, still good, moves it.
    const moved = await core.dispatch(
      'enroll',
      { serverUrl: school.server.url, enrollmentCode: other.code, deviceName: 'ПК' },
      { sessionId: null },
    );
    expect(moved.ok).toBe(true);
    expect(participantsByEmail(core.host.store, student.profile.email)).toEqual([]);
    await core.close();
  });
});
