/**
 * 4.1 «Скачать сертификат соорганизатора» from the certificate date (not before), and the
 * participant's certificate after all steps; each with a unique stored serial that a re-download
 * reuses, printed with the Cyrillic name, and confirmed by the public verification page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../core/calendar.ts';
import type { Verification } from '../../../core/contracts/results.ts';
import { isValidCertificateSerial } from '../../../core/documents/serial.ts';
import { issueCertificate } from '../../../sync-server/certificates/issue.ts';
import { issueParticipantCertificate } from '../../../sync-server/certificates/certificates.service.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, signedIn, type Client, type ErrorReply } from '../accounts/helpers.ts';
import { classTakesPart, download, pdfText, type Enrolled } from './helpers.ts';

const DAY = 86_400_000;
const serialIn = (text: string) => /MB-\d{4}-[0-9A-Z]{8}/.exec(text)?.[0];

describe.each(DIALECTS)('certificates on %s', (dialect) => {
  let server: TestServer;
  let cabinet: Client;
  let colleague: Client;
  let emails: string[];
  let students: Enrolled[];
  let start: number;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE, publicUrl: 'https://moe.example.ru' });
    start = server.ctx.now();
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx, {
      certificateFrom: addDays(new Date(start).toISOString().slice(0, 10), 3),
    });
    const school = await createSchool(ctx, '77', 'Гимназия № 1514');
    const { code } = await createTariff(ctx, campaign.id, school.id, 10);
    students = await classTakesPart(server, school.id, code, [
      { surname: 'Лебедева', name: 'Юлия', schoolClass: '11В', steps: 12 },
      { surname: 'Орлов', name: 'Илья', schoolClass: '11В', steps: 11 },
    ]);
    emails = [(await createCoorganizer(ctx, school.id)).email, (await createCoorganizer(ctx, school.id)).email];
    cabinet = await signedIn(server.url, emails[0]!);
  });
  afterAll(() => server.stop());

  it('refuses the co-organizer certificate before the certificate date, naming the date', async () => {
    const r = await cabinet.get<ErrorReply>('/api/cabinet/certificate.pdf');
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/^Сертификат соорганизатора можно будет скачать с \d{1,2} [а-я]+ \d{4} г\.$/);
    expect(await server.ctx.db.selectFrom('certificates').selectAll().execute()).toEqual([]);
  });

  it('gives it from that date, with the name, the school and a stored serial; a re-download reuses it', async () => {
    server.setNow(start + 4 * DAY);
    // Sessions last hours, not days: sign in again on the later day.
    cabinet = await signedIn(server.url, emails[0]!);
    colleague = await signedIn(server.url, emails[1]!);
    const first = await download(server.url, '/api/cabinet/certificate.pdf', cabinet.cookie);
    expect(first.status).toBe(200);
    const text = await pdfText(first.bytes);
    expect(text).toContain('Соорганизатор');
    expect(text).toContain('Гимназия № 1514');
    // Of the two students, one did every step: that is the number the certificate states.
    expect(text).toContain('Участников, выполнивших все задания: 1 ');
    const serial = serialIn(text);
    expect(serial && isValidCertificateSerial(serial)).toBe(true);
    const again = await pdfText((await download(server.url, '/api/cabinet/certificate.pdf', cabinet.cookie)).bytes);
    expect(serialIn(again)).toBe(serial);
    const other = await pdfText((await download(server.url, '/api/cabinet/certificate.pdf', colleague.cookie)).bytes);
    expect(serialIn(other)).not.toBe(serial);
    const rows = await server.ctx.db.selectFrom('certificates').select(['serial', 'kind']).execute();
    expect(rows.map((r) => r.kind)).toEqual(['coorganizer', 'coorganizer']);
  });

  it('issues the participant certificate only after all steps, once, with the Cyrillic name', async () => {
    const [done, notDone] = students as [Enrolled, Enrolled];
    await expect(issueParticipantCertificate(server.ctx, notDone.id)).rejects.toMatchObject({
      status: 409,
      message: 'Сертификат участника будет доступен после прохождения всех шагов: выполнено 11 из 12.',
    });
    const first = await issueParticipantCertificate(server.ctx, done.id);
    const second = await issueParticipantCertificate(server.ctx, done.id);
    expect(second.serial).toBe(first.serial);
    expect(first).toMatchObject({ kind: 'participant', name: 'Лебедева Юлия', school_name: 'Гимназия № 1514' });
  });

  it('draws another serial when one clashes, and one subject never gets two', async () => {
    const campaign = (await server.ctx.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow()) as never;
    const taken = (await server.ctx.db.selectFrom('certificates').select('serial').executeTakeFirstOrThrow()).serial;
    const serials = [taken, 'MB-2026-ZZZZ2222'];
    const input = { kind: 'participant' as const, subjectId: 'someone', name: 'Тест', schoolName: 'Школа' };
    const row = await issueCertificate(
      server.ctx,
      { ...input, campaign: { ...(campaign as object), year: 2026 } as never },
      { generate: () => serials.shift()! },
    );
    expect(row.serial).toBe('MB-2026-ZZZZ2222');
    const both = await Promise.all([1, 2].map(() => issueParticipantCertificate(server.ctx, students[0]!.id)));
    expect(new Set(both.map((c) => c.serial)).size).toBe(1);
  });

  it('confirms a serial on the public page with the name and school only, no e-mail or class', async () => {
    const { serial } = await issueParticipantCertificate(server.ctx, students[0]!.id);
    const page = await fetch(`${server.url}/verify/${serial}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('Сертификат подлинный');
    expect(html).toContain('Лебедева Юлия');
    expect(html).toContain('Гимназия № 1514');
    expect(html).not.toContain(students[0]!.email);
    expect(html).not.toContain('11В');
    expect(html).not.toMatch(/<script|src=|href="http/);
    const typed = await fetch(`${server.url}/verify/${serial.toLowerCase().replaceAll('-', ' ')}`);
    expect(typed.status).toBe(200);
    const json = (await (await fetch(`${server.url}/api/verify/${serial}`)).json()) as Verification;
    expect(json).toMatchObject({ valid: true, serial, kind: 'participant', name: 'Лебедева Юлия' });
    expect(Object.keys(json).sort()).toEqual([
      'campaignTitle',
      'issuedAt',
      'kind',
      'name',
      'schoolName',
      'serial',
      'valid',
    ]);
  });

  it('says plainly when a serial was never issued', async () => {
    const page = await fetch(`${server.url}/verify/MB-2026-AAAA2222`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Сертификат с таким номером не найден');
    const json = await fetch(`${server.url}/api/verify/nonsense<script>`);
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({ valid: false, serial: 'nonsense<script>' });
  });

  it('prints the verification address on the certificate from the configured public URL', async () => {
    const text = await pdfText((await download(server.url, '/api/cabinet/certificate.pdf', cabinet.cookie)).bytes);
    expect(text).toContain(`https://moe.example.ru/verify/${serialIn(text)}`);
  });
});

describe('the certificate behind a reverse proxy, with no PUBLIC_URL', () => {
  it('prints the verification address the co-organizer opened (TRUST_PROXY=1)', async () => {
    const server = await startTestServer('sqlite', { contentPackFile: TEST_PACK_FILE, trustProxy: true });
    try {
      const today = new Date(server.ctx.now()).toISOString().slice(0, 10);
      const campaign = await createCampaign(server.ctx, { certificateFrom: addDays(today, -2) });
      const school = await createSchool(server.ctx, '77', 'Школа № 57');
      const { code } = await createTariff(server.ctx, campaign.id, school.id, 5);
      const cabinet = await signedIn(server.url, (await createCoorganizer(server.ctx, school.id)).email);
      // A school with nobody finished yet gets no certificate, and is told why.
      const none = await fetch(`${server.url}/api/cabinet/certificate.pdf`, { headers: { cookie: cabinet.cookie! } });
      expect(none.status).toBe(409);
      expect(((await none.json()) as ErrorReply).error.message).toMatch(/хотя бы один ученик/);
      await classTakesPart(server, school.id, code, [
        { surname: 'Зайцев', name: 'Олег', schoolClass: '7А', steps: 12 },
      ]);
      const res = await fetch(`${server.url}/api/cabinet/certificate.pdf`, {
        headers: { cookie: cabinet.cookie!, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'moe.school.ru' },
      });
      expect(res.status).toBe(200);
      const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
      expect(text).toContain(`https://moe.school.ru/verify/${serialIn(text)}`);
    } finally {
      await server.stop();
    }
  });
});
