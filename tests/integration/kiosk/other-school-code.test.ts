/**
 * A student at school A's kiosk types a code of school B (issue 13): the kiosk warns before it
 * applies it, naming B, and applies nothing until the student confirms («Продолжить»); then the
 * activation goes as always and belongs to B's code. A code of the kiosk's own school, or one the
 * campaign does not have, goes ahead without the question.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { createSchool, createTariff } from '../../support/factories.ts';
import { eventually, KioskClient } from '../../support/kiosk/client.ts';
import { registration } from '../../support/kiosk/factories.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';

describe('a code of another school at the kiosk', () => {
  let school: TestSchool;
  let kiosk: RunningKioskHost;
  let codeB: string;

  beforeAll(async () => {
    school = await startSchool();
    const campaign = await school.server.ctx.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
    const b = await createSchool(school.server.ctx, '77', 'Лицей № 2');
    codeB = (await createTariff(school.server.ctx, campaign.id, b.id, 5)).code;
    kiosk = await startKioskHost({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-other-')), log: () => {} });
    await new KioskClient(kiosk.url).ok('enroll', {
      serverUrl: school.server.url,
      enrollmentCode: await school.enrollmentCode(),
      deviceName: 'ПК 1',
    });
  });
  afterAll(async () => {
    await kiosk?.close();
    await school?.server.stop();
  });

  async function student(): Promise<KioskClient> {
    const c = new KioskClient(kiosk.url);
    await c.ok('register', registration());
    return c;
  }

  it('warns, naming the school, and applies nothing until the student confirms', async () => {
    const c = await student();
    const warned = await c.call('activate', { code: codeB });
    expect(warned.ok).toBe(false);
    if (warned.ok) return;
    expect(warned.status).toBe(409);
    expect(warned.error.code).toBe('CODE_OTHER_SCHOOL');
    expect(warned.error.message).toMatch(/другой образовательной организацией/);
    expect(warned.error.fields?.school).toBe('Лицей № 2, Москва');
    expect((await c.ok('me', {})).participant?.activation).toBeNull();

    const { activation } = await c.ok('activate', { code: codeB, otherSchool: true });
    expect(activation.status).toBe('confirmed');
    const row = await school.server.ctx.db
      .selectFrom('activations')
      .innerJoin('tariffs', 'tariffs.code', 'activations.code')
      .select('tariffs.code')
      .where('activations.participant_id', '=', (await c.ok('me', {})).participant!.id)
      .executeTakeFirstOrThrow();
    expect(row.code).toBe(codeB);
    // The PC's health report names the student signed in at it («Класс сейчас» shows the PC).
    const id = (await c.ok('me', {})).participant!.id;
    await eventually(async () => {
      const pc = await school.server.ctx.db.selectFrom('devices').select('signed_in').executeTakeFirst();
      return (JSON.parse(pc?.signed_in ?? '[]') as string[]).includes(id);
    });
  });

  it('asks nothing for a code of its own school, nor for one the campaign does not have', async () => {
    const own = await student();
    expect((await own.ok('activate', { code: school.code })).activation.status).toBe('confirmed');
    const unknown = await student();
    const r = await unknown.call('activate', { code: 'ZZZZ-ZZZZ' });
    expect(r.ok ? r.body.activation.status : r.error.code).not.toBe('CODE_OTHER_SCHOOL');
  });
});
