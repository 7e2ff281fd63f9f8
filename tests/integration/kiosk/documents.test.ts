/**
 * After all 12 steps the student sees the result and downloads the result PDF and «Скачать
 * сертификат участника» on the kiosk itself, with the school offline. (How the serial reaches the
 * server and its verification page: tests/integration/sync/certificate.test.ts.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { readPdf } from '../../unit/documents/pdf.helpers.ts';
import { KioskClient } from '../../support/kiosk/client.ts';
import { registration, stepAnswers } from '../../support/kiosk/factories.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';

const pdfText = async (base64: string) =>
  (await readPdf(new Uint8Array(Buffer.from(base64, 'base64')))).map((p) => p.text).join('\n');

describe('result and participant certificate on the kiosk', () => {
  let school: TestSchool;
  let kiosk: RunningKioskHost;
  const student = registration();
  const c = () => new KioskClient(kiosk.url);

  beforeAll(async () => {
    school = await startSchool();
    kiosk = await startKioskHost({
      dataDir: mkdtempSync(join(tmpdir(), 'kiosk-docs-')),
      log: () => {},
      idleSyncMs: 300,
    });
    const k = c();
    await k.ok('enroll', {
      serverUrl: school.server.url,
      enrollmentCode: await school.enrollmentCode(),
      deviceName: 'ПК 1',
    });
  });
  afterAll(async () => {
    await kiosk?.close();
    await school?.server.stop();
  });

  it('withholds the result until every step is done, then shows it and both PDFs', async () => {
    const k = c();
    await k.ok('register', student);
    await k.ok('activate', { code: school.code });
    const early = await k.ok('result', {});
    expect(early.result).toBeNull();
    expect(early.waiting).toMatch(/после выполнения всех заданий/);
    expect((await k.call('document', { kind: 'certificate' })).ok).toBe(false);

    for (const step of TEST_PACK.steps) {
      for (const [itemId, value] of stepAnswers(TEST_PACK, step.number))
        await k.ok('saveAnswer', { step: step.number, itemId, value });
      await k.ok('completeStep', { step: step.number });
    }
    // The school's link drops: everything below happens offline.
    await school.server.stop();

    const { result, waiting } = await k.ok('result', {});
    expect(waiting).toBeNull();
    expect(result!.profile).toHaveLength(5);
    expect(result!.advisory).toMatch(/рекомендательн/i);

    const resultPdf = await k.ok('document', { kind: 'result' });
    const resultText = await pdfText(resultPdf.base64);
    expect(resultText).toContain(student.profile.surname);

    const cert = await k.ok('document', { kind: 'certificate' });
    const serial = /MB-\d{4}-[0-9A-Z]{8}/.exec(cert.fileName)![0];
    const certText = await pdfText(cert.base64);
    expect(certText).toContain(serial);
    // Enrolled at http://127.0.0.1:…, the kiosk prints the address the server gave it instead.
    expect(certText).toContain(`/verify/${serial}`);
    expect(certText).not.toMatch(/127\.0\.0\.1|localhost/);
    // A second download is the same certificate, not a new serial.
    expect((await k.ok('document', { kind: 'certificate' })).fileName).toContain(serial);
  });
});
