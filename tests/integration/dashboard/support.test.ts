/**
 * Technical support: the fleet of classroom PCs with its alerts (silent for more than a day with
 * unsent data; a clock off by more than five minutes) and filters; a participant found by e-mail
 * or surname with their school, code, steps, PCs and refused changes; their password reset, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../core/contracts/audit.ts';
import type { Fleet, ParticipantCard, ParticipantHits } from '../../../core/contracts/support.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, enroll, MutationMaker } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client, createSupport, PASSWORD } from '../accounts/helpers.ts';

const HOUR = 3_600_000;

describe.each(DIALECTS)('technical support on %s', (dialect) => {
  let server: TestServer;
  let support: Client;
  const participantId = uuidv7();

  const pc = async (schoolId: string, name: string) => {
    const e = await enroll(server.url, server.ctx, schoolId, name);
    return new DeviceClient(server.url, e.credential, e.instanceId);
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createCampaign(server.ctx);
    const a = await createSchool(server.ctx, '77', 'Школа № 5');
    const b = await createSchool(server.ctx, '25', 'Школа № 9');
    const silent = await pc(a.id, 'Кабинет 5, ПК 1');
    const fresh = await pc(a.id, 'Кабинет 5, ПК 2');
    const offClock = await pc(b.id, 'Кабинет 9, ПК 1');
    const t0 = server.ctx.now();
    await silent.push(
      [],
      silent.health({ pending: 5, oldestPendingAt: t0 - HOUR, appVersion: '1.2.0', lastError: 'ECONNRESET' }),
    );
    await offClock.push([], offClock.health({ clockOffsetMs: 10 * 60_000 }));
    server.setNow(t0 + 49 * HOUR);
    const maker = new MutationMaker(() => server.ctx.now());
    const pushed = await fresh.push([
      maker.register(participantId, 'maria.ivanova@school.ru'),
      maker.activate(participantId, 'ZZZZ9999'),
    ]);
    expect(pushed.body.outcomes.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    const account = await createSupport(server.ctx);
    support = new Client(server.url);
    expect((await support.login(account.email, PASSWORD)).status).toBe(200);
  });
  afterAll(() => server.stop());

  const names = (f: Fleet) => f.devices.map((d) => d.name);

  it('lists every PC with its school and health, silent the longest first', async () => {
    const { body } = await support.get<Fleet>('/api/support/devices');
    expect(names(body)).toEqual(['Кабинет 5, ПК 1', 'Кабинет 9, ПК 1', 'Кабинет 5, ПК 2']);
    expect(body.devices[0]).toMatchObject({
      school: { name: 'Школа № 5', region: '77' },
      pending: 5,
      appVersion: '1.2.0',
      lastError: 'ECONNRESET',
      oldestPendingAgeMs: 50 * HOUR,
      alerts: ['silent'],
    });
    expect(body.devices[1]).toMatchObject({ clockOffsetMs: 600_000, alerts: ['clock'] });
    expect(body.alerts).toEqual({ silent: 1, clock: 1 });
  });

  it('filters by alert, region and text', async () => {
    const get = async (query: string) => names((await support.get<Fleet>(`/api/support/devices?${query}`)).body);
    expect(await get('show=alerts')).toEqual(['Кабинет 5, ПК 1', 'Кабинет 9, ПК 1']);
    expect(await get('show=silent')).toEqual(['Кабинет 5, ПК 1']);
    expect(await get('show=clock')).toEqual(['Кабинет 9, ПК 1']);
    expect(await get('region=25')).toEqual(['Кабинет 9, ПК 1']);
    expect(await get('q=1.2.0')).toEqual(['Кабинет 5, ПК 1']);
    expect(await get('q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0%20%E2%84%96%209')).toEqual(['Кабинет 9, ПК 1']); // «школа № 9»
    const bad = await support.get<{ error: { message: string } }>('/api/support/devices?show=broken');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Неизвестный фильтр');
  });

  it('finds a participant by e-mail or surname and shows their school, code, PCs and refused changes', async () => {
    const byEmail = await support.get<ParticipantHits>('/api/support/participants?q=Maria.Ivanova@school.ru');
    expect(byEmail.body.participants).toEqual([
      expect.objectContaining({
        id: participantId,
        surname: 'Иванова',
        school: expect.objectContaining({ name: 'Школа № 5' }),
      }),
    ]);
    const bySurname = await support.get<ParticipantHits>(
      `/api/support/participants?q=${encodeURIComponent('иванова мар')}`,
    );
    expect(bySurname.body.participants.map((p) => p.id)).toEqual([participantId]);
    const short = await support.get<{ error: { message: string } }>('/api/support/participants?q=a');
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('хотя бы 2 символа');

    const { body } = await support.get<ParticipantCard>(`/api/support/participants/${participantId}`);
    expect(body.activation).toBeNull();
    expect(body.completedSteps).toEqual([]);
    expect(body.devices.map((d) => d.name)).toEqual(['Кабинет 5, ПК 1', 'Кабинет 5, ПК 2']);
    expect(body.held).toEqual([
      expect.objectContaining({ name: 'code.activate', status: 'rejected', deviceName: 'Кабинет 5, ПК 2' }),
    ]);
    expect(body.held[0]!.message).toMatch(/[А-Яа-я]/);
  });

  it('resets a participant’s password: the kiosks sign them in with the new one, and the log says who', async () => {
    const { status, body } = await support.post<{ password: string }>(
      `/api/support/participants/${participantId}/password`,
    );
    expect(status).toBe(200);
    const e = await enroll(
      server.url,
      server.ctx,
      (await support.get<ParticipantCard>(`/api/support/participants/${participantId}`)).body.participant.school.id,
    );
    const kiosk = new DeviceClient(server.url, e.credential, e.instanceId);
    expect((await kiosk.lookup('maria.ivanova@school.ru', body.password)).status).toBe(200);
    const audit = await support.get<AuditPage>('/api/support/audit');
    expect(audit.body.entries[0]).toMatchObject({ action: 'participant.password', target: participantId });
    expect(JSON.stringify(audit.body.entries)).not.toContain(body.password);
  });
});
