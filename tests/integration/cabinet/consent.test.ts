/**
 * Consent that holds up (issue 15): the organizer publishes the consent as versions that never
 * change; a student under the age rule cannot register without a parent's consent, on the server
 * as on the kiosk; the co-organizer sees who still lacks one and records a paper one, which
 * reaches the school's kiosks. Another school's co-organizer reaches nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../../core/campaign.ts';
import type { ParentConsent } from '../../../core/consent.ts';
import type { ParentConsentList } from '../../../core/contracts/parent-consent.ts';
import type { ConsentVersions } from '../../../core/contracts/organizer.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, enroll, MutationMaker } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, createOrganizer, signedIn, type Client, type ErrorReply } from '../accounts/helpers.ts';

describe.each(DIALECTS)('consent on %s', (dialect) => {
  let server: TestServer;
  let campaign: Campaign;
  let organizer: Client;
  let cabinetA: Client;
  let cabinetB: Client;
  let kioskA: DeviceClient;
  const maker = new MutationMaker();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    campaign = await createCampaign(server.ctx, { parentConsentUpToClass: 7 });
    const schoolA = await createSchool(server.ctx);
    const schoolB = await createSchool(server.ctx);
    organizer = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    cabinetA = await signedIn(server.url, (await createCoorganizer(server.ctx, schoolA.id)).email);
    cabinetB = await signedIn(server.url, (await createCoorganizer(server.ctx, schoolB.id)).email);
    const d = await enroll(server.url, server.ctx, schoolA.id);
    kioskA = new DeviceClient(server.url, d.credential, d.instanceId);
  });
  afterAll(() => server.stop());

  /** A registration from school A's kiosk, of the class given, with or without a parent's consent. */
  async function register(schoolClass: string, parentConsent?: ParentConsent) {
    const id = uuidv7();
    const made = maker.register(id);
    const m = { ...made, args: { ...made.args, profile: { ...made.args.profile, schoolClass }, parentConsent } };
    const pushed = await kioskA.push([m]);
    return { id, outcome: pushed.body.outcomes[0]! };
  }

  it('publishes each consent version once and keeps it as published', async () => {
    const save = (version: string, text: string) =>
      organizer.put('/api/organizer/campaign', {
        year: campaign.year,
        title: campaign.title,
        settings: { ...campaign.settings, consent: { version, title: 'Согласие', text } },
      });
    const first = await save('2026-2', 'Текст второй редакции.');
    expect(first.status).toBe(200);
    const consent = (first.body as unknown as Campaign).settings.consent;
    expect(consent.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const rewritten = await save('2026-2', 'Другой текст под тем же номером.');
    expect(rewritten.status).toBe(409);
    expect((rewritten.body as unknown as ErrorReply).error.message).toContain('укажите новую редакцию');

    expect((await save('2026-3', 'Текст третьей редакции.')).status).toBe(200);
    const { body } = await organizer.get<ConsentVersions>('/api/organizer/consent-versions');
    expect(body.versions.map((v) => [v.version, v.text])).toEqual([
      ['2026-3', 'Текст третьей редакции.'],
      ['2026-2', 'Текст второй редакции.'],
    ]);
    // Kiosks get the current one with the campaign's settings.
    const pulled = await kioskA.pull();
    expect(pulled.body.campaign.settings.consent).toMatchObject({ version: '2026-3', text: 'Текст третьей редакции.' });
  });

  it("refuses a registration under the age rule without a parent's consent, with a Russian reason", async () => {
    const refused = await register('6А');
    expect(refused.outcome).toMatchObject({ status: 'rejected', code: 'PARENT_CONSENT_MISSING' });
    expect(refused.outcome.status === 'rejected' && refused.outcome.message).toContain('согласие родителя');
    expect((await register('6А', { by: 'Петрова Мария Ивановна', how: 'electronic' })).outcome.status).toBe('accepted');
    expect((await register('8Б')).outcome.status).toBe('accepted');
  });

  it('lists who lacks a parent’s consent and records a paper one the school received', async () => {
    const paper = await register('7В', { by: 'Соколов Иван Петрович', how: 'paper' });
    expect(paper.outcome.status).toBe('accepted');
    const list = async () => (await cabinetA.get<ParentConsentList>('/api/cabinet/parent-consents')).body;
    const before = await list();
    expect(before.upToClass).toBe(7);
    expect(before.missing.map((s) => [s.participantId, s.declaredBy, s.declaredHow])).toEqual([
      [paper.id, 'Соколов Иван Петрович', 'paper'],
    ]);
    // Another school's co-organizer neither sees nor records this student.
    expect((await cabinetB.get<ParentConsentList>('/api/cabinet/parent-consents')).body.missing).toEqual([]);
    const path = `/api/cabinet/students/${paper.id}/parent-consent`;
    expect((await cabinetB.post(path, { by: 'Соколов Иван Петрович' })).status).toBe(404);
    const bad = await cabinetA.post<ErrorReply>(path, { by: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/\p{Script=Cyrillic}/u);

    const cursor = (await kioskA.pullAll()).cursor;
    expect((await cabinetA.post(path, { by: 'Соколов Иван Петрович' })).status).toBe(204);
    expect((await list()).missing).toEqual([]);
    const rows = (await kioskA.pullAll(cursor)).changes.filter((c) => c.entity === 'participant');
    expect(rows.map((c) => c.data)).toEqual([
      expect.objectContaining({ id: paper.id, parentConsentHow: 'paper', parentConsentReceivedAt: expect.any(Number) }),
    ]);
  });
});
