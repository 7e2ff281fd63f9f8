/**
 * A student who forgot their password, as the kiosk's «Забыли пароль?» tells it: the co-organizer
 * sets a new one in the cabinet, the school's kiosk pulls it at once, and with the link cut the
 * student signs in with the new password and no longer with the old. A kiosk of another school,
 * which fetched the student at an earlier sign-in and never pulls their row, asks the server once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantRow } from '../../../core/mutations/rows.ts';
import { verifyPasswordSync } from '../../../core/node/password.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { STORE_FILE } from '../../../electron/host/store/open.ts';
import { createEnrollmentCode } from '../../../sync-server/devices/devices.service.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createSchool } from '../../support/factories.ts';
import { eventually, KioskClient } from '../../support/kiosk/client.ts';
import { registration } from '../../support/kiosk/factories.ts';
import { startLink, type Link } from '../../support/kiosk/link.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';
import { createCoorganizer, signedIn, type Client } from '../accounts/helpers.ts';

const quiet = () => {};

interface Kiosk {
  host: RunningKioskHost;
  dataDir: string;
  link: Link;
  api: KioskClient;
}

describe.each(DIALECTS)('a new password from the cabinet reaches the kiosks (%s)', (dialect) => {
  let school: TestSchool;
  let cabinet: Client;
  let classroom: Kiosk;
  let lyceum: Kiosk;
  const student = registration();
  const { email } = student.profile;
  let studentId: string;

  const startKiosk = async (enrollmentCode: string, deviceName: string): Promise<Kiosk> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-pw-'));
    const link = await startLink(school.server.url);
    const host = await startKioskHost({ dataDir, log: quiet, idleSyncMs: 60_000 });
    const api = new KioskClient(host.url);
    await api.ok('enroll', { serverUrl: link.url, enrollmentCode, deviceName });
    return { host, dataDir, link, api };
  };
  /** The password hash this kiosk's own store holds for the student. */
  const storedHash = (k: Kiosk) => {
    const db = new SQLite(join(k.dataDir, STORE_FILE), { readonly: true });
    try {
      const row = db.prepare('select data from participants where id = ?').get(studentId) as
        { data: string } | undefined;
      return row && (JSON.parse(row.data) as ParticipantRow).passwordHash;
    } finally {
      db.close();
    }
  };
  const newPassword = async () => {
    const r = await cabinet.post<{ password: string }>(`/api/cabinet/students/${studentId}/password`);
    expect(r.status).toBe(200);
    return r.body.password;
  };
  const signIn = (k: Kiosk, password: string) => new KioskClient(k.host.url).call('login', { email, password });
  const goOffline = async (k: Kiosk) => {
    await k.link.cut();
    await eventually(async () => !(await k.api.ok('status', {})).sync.online);
  };

  beforeAll(async () => {
    school = await startSchool(30, dialect);
    cabinet = await signedIn(school.server.url, (await createCoorganizer(school.server.ctx, school.schoolId)).email);
    classroom = await startKiosk(await school.enrollmentCode(), 'Кабинет 12, ПК 1');
    const c = new KioskClient(classroom.host.url);
    studentId = (await c.ok('register', student)).participant.id;
    expect((await c.ok('activate', { code: school.code })).activation.status).toBe('confirmed');
    await c.ok('logout', {});
    const elsewhere = await createSchool(school.server.ctx, '77', 'Лицей № 2');
    lyceum = await startKiosk(
      (await createEnrollmentCode(school.server.ctx, elsewhere.id, 'test')).code,
      'Лицей, ПК 1',
    );
    // The student signs in there once: the lyceum's kiosk fetches and keeps her row.
    expect((await signIn(lyceum, student.password)).ok).toBe(true);
  });
  afterAll(async () => {
    for (const k of [classroom, lyceum]) {
      await k?.host.close();
      await k?.link.close();
    }
    await school?.server.stop();
  });

  it('the school’s kiosk pulls the new password at once; offline it opens with it, not with the old', async () => {
    const password = await newPassword();
    // No idle round is due for a minute: only the server's nudge makes the kiosk pull now.
    await eventually(async () => {
      const hash = storedHash(classroom);
      return !!hash && verifyPasswordSync(password, hash);
    });
    await goOffline(classroom);

    const old = await signIn(classroom, student.password);
    expect(old.ok || old.error.code).toBe('BAD_LOGIN');
    const fresh = await signIn(classroom, password);
    expect(fresh.ok && fresh.body.participant).toMatchObject({ id: studentId, activation: { status: 'confirmed' } });
    await classroom.link.restore();
  });

  it('a kiosk that only fetched the student asks the server once, and then knows the new password offline', async () => {
    const previous = storedHash(lyceum);
    const password = await newPassword();
    // Not in the lyceum's feed: its stored row still has the hash of the first password.
    expect(storedHash(lyceum)).toBe(previous);

    const fresh = await signIn(lyceum, password);
    expect(fresh.ok && fresh.body.participant).toMatchObject({ id: studentId });
    expect(verifyPasswordSync(password, storedHash(lyceum)!)).toBe(true);

    await goOffline(lyceum);
    expect((await signIn(lyceum, password)).ok).toBe(true);
    const old = await signIn(lyceum, student.password);
    expect(old.ok || old.error.code).toBe('BAD_LOGIN');
  });

  it('offline, a kiosk answers a wrong password at once from what it holds', async () => {
    // The lyceum's link is still cut: no look-up is tried, and no wait for one.
    const started = Date.now();
    const wrong = await signIn(lyceum, 'nepravilno1');
    expect(wrong.ok || wrong.error.code).toBe('BAD_LOGIN');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
