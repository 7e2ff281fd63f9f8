/**
 * Technical support is a role of its own: it sees the fleet, looks participants up, gives one a
 * new password (audited under its own name) and reads the audit log, but never changes the
 * campaign, its price, dates or schools. Organizers keep support's tools as well as their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../core/contracts/audit.ts';
import type { Fleet, ParticipantHits } from '../../../core/contracts/support.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { findActiveCampaign } from '../../../sync-server/campaigns/campaign.repository.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, enroll, MutationMaker } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createOrganizer, createSupport, signedIn, type Client } from '../accounts/helpers.ts';

describe.each(DIALECTS)('the technical support role on %s', (dialect) => {
  let server: TestServer;
  let support: Client;
  let organizer: Client;
  let supportEmail: string;
  const participantId = uuidv7();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createCampaign(server.ctx);
    const school = await createSchool(server.ctx, '77', 'Школа № 12');
    const e = await enroll(server.url, server.ctx, school.id, 'Кабинет 12, ПК 1');
    const pushed = await new DeviceClient(server.url, e.credential, e.instanceId).push([
      new MutationMaker().register(participantId, 'petr.sidorov@school.ru'),
    ]);
    expect(pushed.body.outcomes.map((o) => o.status)).toEqual(['accepted']);
    supportEmail = (await createSupport(server.ctx)).email;
    support = await signedIn(server.url, supportEmail);
    organizer = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
  });
  afterAll(() => server.stop());

  it('is who /api/auth/me says, with no school', async () => {
    const { body } = await support.get('/api/auth/me');
    expect(body).toMatchObject({ role: 'support', email: supportEmail, school: null });
  });

  it("sees the fleet, finds a participant and gives them a new password, in the log under support's name", async () => {
    for (const staff of [support, organizer]) {
      const fleet = await staff.get<Fleet>('/api/support/devices');
      expect(fleet.body.devices.map((d) => d.name)).toEqual(['Кабинет 12, ПК 1']);
      const hits = await staff.get<ParticipantHits>('/api/support/participants?q=petr.sidorov@school.ru');
      expect(hits.body.participants.map((p) => p.id)).toEqual([participantId]);
    }
    expect((await support.post(`/api/support/participants/${participantId}/password`)).status).toBe(200);
    expect((await organizer.post(`/api/support/participants/${participantId}/password`)).status).toBe(200);
    const log = await support.get<AuditPage>('/api/support/audit');
    expect(log.body.entries.slice(0, 2).map((e) => [e.action, e.actorEmail])).toEqual([
      ['participant.password', expect.stringMatching(/^org-/)],
      ['participant.password', supportEmail],
    ]);
  });

  it('may not change the campaign, its price and dates, or the schools, nor see the organizers’ numbers', async () => {
    const before = await findActiveCampaign(server.ctx.db);
    const tries: [string, string, unknown?][] = [
      ['GET', '/api/organizer/campaign'],
      ['PUT', '/api/organizer/campaign', { title: 'Чужая акция', year: 2026, settings: before!.settings }],
      ['GET', '/api/organizer/overview'],
      ['GET', '/api/organizer/schools'],
      ['POST', '/api/organizer/schools', { region: '77', locality: 'Москва', name: 'Школа № 99' }],
      ['POST', '/api/organizer/schools/import', { csv: '77;Москва;Школа № 98\n' }],
      ['POST', '/api/organizer/coorganizers', { email: 'x@school.ru', fullName: 'Х', schoolId: uuidv7() }],
    ];
    for (const [method, path, body] of tries) {
      const res = await support.call<{ error: { message: string } }>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toMatch(/\p{Script=Cyrillic}/u);
    }
    expect(await findActiveCampaign(server.ctx.db)).toEqual(before);
    const schools = await server.ctx.db.selectFrom('schools').select('name').execute();
    expect(schools.map((s) => s.name)).toEqual(['Школа № 12']);
  });
});
