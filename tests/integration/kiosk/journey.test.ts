/**
 * A student's journey through browser mode against a real central server: the kiosk is
 * enrolled, the student registers («Регистрация»), enters the code («Принять участие»), answers
 * and completes a step; everything reaches the server; another kiosk lets them sign in and resume.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { createEnrollmentCode } from '../../../sync-server/devices/devices.service.ts';
import { createSchool } from '../../support/factories.ts';
import { eventually, KioskClient } from '../../support/kiosk/client.ts';
import { registration, stepAnswers } from '../../support/kiosk/factories.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';

const quiet = () => {};

describe('kiosk journey against the central server', () => {
  let school: TestSchool;
  let kiosk: RunningKioskHost;
  let other: RunningKioskHost;
  const student = registration();

  beforeAll(async () => {
    school = await startSchool();
    kiosk = await startKioskHost({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-a-')), log: quiet, idleSyncMs: 500 });
    other = await startKioskHost({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-b-')), log: quiet, idleSyncMs: 500 });
  });
  afterAll(async () => {
    await kiosk?.close();
    await other?.close();
    await school?.server.stop();
  });

  it('enrols with the co-organizer’s code and pulls the campaign and the content', async () => {
    const c = new KioskClient(kiosk.url);
    expect((await c.ok('status', {})).enrolled).toBe(false);
    const bad = await c.call('enroll', {
      serverUrl: school.server.url,
      enrollmentCode: 'WRONG-CODE',
      deviceName: 'ПК 1',
    });
    expect(bad.ok).toBe(false);
    const status = await c.ok('enroll', {
      serverUrl: school.server.url,
      enrollmentCode: await school.enrollmentCode(),
      deviceName: 'Кабинет 12, ПК 1',
    });
    expect(status.enrolled).toBe(true);
    expect(status.campaignTitle).toContain('Моё будущее');
    expect((await c.ok('content', {})).steps).toHaveLength(12);
    const form = await c.ok('registrationForm', {});
    expect(form.registrationOpen).toBe(true);
    // Registration is prefilled with the school the kiosk was enrolled to.
    expect(form.defaults).toMatchObject({ region: '77', locality: 'Москва' });
    expect(form.defaults.schoolName).toMatch(/Школа/);
    expect(status.school?.region).toBe('77');
  });

  it('registers, activates the code online and is confirmed by the server', async () => {
    const c = new KioskClient(kiosk.url);
    const { participant } = await c.ok('register', student);
    expect(participant.activation).toBeNull();
    expect(c.token).toBeTruthy();
    const bad = await c.call('activate', { code: 'abc' });
    expect(bad.ok || bad.error.code).toBe('CODE_FORMAT');
    const { activation } = await c.ok('activate', { code: school.code.toLowerCase() });
    expect(activation.status).toBe('confirmed');
  });

  it('saves answers, completes step 1, and the server receives all of it', async () => {
    const c = new KioskClient(kiosk.url);
    await c.ok('login', { email: student.profile.email, password: student.password });
    const locked = await c.call('completeStep', { step: 2 });
    expect(locked.ok || locked.error.code).toBe('STEP_LOCKED');
    const incomplete = await c.call('completeStep', { step: 1 });
    expect(incomplete.ok || incomplete.error.code).toBe('STEP_INCOMPLETE');
    for (const [itemId, value] of stepAnswers(TEST_PACK, 1)) await c.ok('saveAnswer', { step: 1, itemId, value });
    const progress = await c.ok('completeStep', { step: 1 });
    expect(progress.completedSteps).toEqual([1]);
    expect(progress.resume).toEqual({ step: 2, itemIndex: 0 });
    await eventually(async () => (await c.ok('status', {})).sync.pending === 0);
    const db = school.server.ctx.db;
    const completions = await db.selectFrom('completions').selectAll().execute();
    expect(completions.map((r) => r.step)).toEqual([1]);
    await c.ok('logout', {});
    expect((await c.ok('me', {})).participant).toBeNull();
  });

  it('lets the student sign in on another kiosk and resume where they stopped', async () => {
    const c = new KioskClient(other.url);
    await c.ok('enroll', {
      serverUrl: school.server.url,
      enrollmentCode: await school.enrollmentCode(),
      deviceName: 'ПК 2',
    });
    const wrong = await c.call('login', { email: student.profile.email, password: 'nepravilno1' });
    expect(wrong.ok || wrong.error.code).toBe('BAD_LOGIN');
    const { participant } = await c.ok('login', { email: student.profile.email, password: student.password });
    expect(participant.activation?.status).toBe('confirmed');
    const progress = await c.ok('progress', {});
    expect(progress.completedSteps).toEqual([1]);
    expect(progress.resume?.step).toBe(2);
  });

  it('fetches, on demand, a student this kiosk has never pulled (another school)', async () => {
    const elsewhere = await createSchool(school.server.ctx, '77', 'Лицей № 2');
    const { code } = await createEnrollmentCode(school.server.ctx, elsewhere.id, 'test');
    const host = await startKioskHost({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-c-')), log: quiet });
    try {
      const c = new KioskClient(host.url);
      await c.ok('enroll', { serverUrl: school.server.url, enrollmentCode: code, deviceName: 'Лицей, ПК 1' });
      const wrong = await c.call('login', { email: student.profile.email, password: 'nepravilno1' });
      expect(wrong.ok || wrong.error.code).toBe('BAD_LOGIN');
      const { participant } = await c.ok('login', { email: student.profile.email, password: student.password });
      expect(participant.schoolName).toBe(student.profile.schoolName);
      expect((await c.ok('progress', {})).completedSteps).toEqual([1]);
    } finally {
      await host.close();
    }
  });
});
