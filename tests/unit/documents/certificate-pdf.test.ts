import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_QR } from '../../../core/documents/certificate-pdf.ts';
import {
  renderCoorganizerCertificatePdf,
  renderParticipantCertificatePdf,
  type ParticipantCertificateInput,
} from '../../../core/documents/index.ts';
import { QR_QUIET_ZONE } from '../../../core/documents/qr.ts';
import { loadFonts } from '../../../core/node/fonts.ts';
import { LONG_NAME, LONG_SCHOOL } from './documents.factory.ts';
import { grayPage, hasPdftoppm, keepArtifact, outOfBounds, readPdf } from './pdf.helpers.ts';

const fonts = loadFonts();
const BASE = 'https://moe-budushchee.example.ru';

const participant = (overrides: Partial<ParticipantCertificateInput> = {}): ParticipantCertificateInput => ({
  fullName: 'Иванова Мария',
  schoolName: 'МБОУ «Лицей № 9»',
  region: '54',
  campaignTitle: 'Моё будущее — 2026',
  date: '2026-12-01',
  serial: 'MB-2026-7KQ4M2XD',
  baseUrl: BASE,
  gender: 'female',
  ...overrides,
});

const coorganizer = {
  fullName: 'Петров Сергей Николаевич',
  schoolName: LONG_SCHOOL,
  region: '54',
  campaignTitle: 'Моё будущее — 2026',
  date: '2026-12-16',
  serial: 'MB-2026-ABCDEFGH',
  baseUrl: `${BASE}/`,
  participants: 87,
};

describe('«Сертификат участника»', () => {
  it('names the student, school, region, campaign, date and serial in extractable text', async () => {
    const pdf = renderParticipantCertificatePdf(participant(), fonts);
    keepArtifact('certificate-participant', pdf);
    const [page] = await readPdf(pdf);
    for (const s of [
      'СЕРТИФИКАТ',
      'участника',
      'Иванова Мария',
      'приняла участие во Всероссийской акции «Моё будущее — 2026»',
      'МБОУ «Лицей № 9»',
      'Новосибирская область',
      '1 декабря 2026 г.',
      '№ MB-2026-7KQ4M2XD',
      `${BASE}/verify/MB-2026-7KQ4M2XD`,
    ]) {
      expect(page!.text).toContain(s);
    }
    expect(outOfBounds(page!)).toEqual([]);
  });

  it('words the statement by gender, or neutrally when it is not known', async () => {
    const male = await readPdf(renderParticipantCertificatePdf(participant({ gender: 'male' }), fonts));
    expect(male[0]!.text).toContain('принял участие');
    const neutral = await readPdf(renderParticipantCertificatePdf(participant({ gender: undefined }), fonts));
    expect(neutral[0]!.text).toContain('принял(а) участие');
  });

  it('fits a long name and school name inside the frame', async () => {
    const pdf = renderParticipantCertificatePdf(participant({ fullName: LONG_NAME, schoolName: LONG_SCHOOL }), fonts);
    keepArtifact('certificate-participant-long', pdf);
    const [page] = await readPdf(pdf);
    expect(page!.text).toContain(LONG_NAME);
    expect(outOfBounds(page!, 40)).toEqual([]);
  });

  it.skipIf(!hasPdftoppm)('prints a QR code that reads as the verification URL', () => {
    const path = keepArtifact('certificate-participant-qr', renderParticipantCertificatePdf(participant(), fonts));
    const dpi = 300;
    const page = grayPage(path, dpi);
    const { modules } = QRCode.create(`${BASE}/verify/MB-2026-7KQ4M2XD`, { errorCorrectionLevel: 'M' });
    const cell = CERTIFICATE_QR.size / (modules.size + 2 * QR_QUIET_ZONE);
    const px = (mm: number) => (mm / 25.4) * dpi;
    let wrong = 0;
    for (let r = -QR_QUIET_ZONE; r < modules.size + QR_QUIET_ZONE; r++) {
      for (let c = -QR_QUIET_ZONE; c < modules.size + QR_QUIET_ZONE; c++) {
        const x = px(CERTIFICATE_QR.x + (QR_QUIET_ZONE + c + 0.5) * cell);
        const y = px(CERTIFICATE_QR.y + (QR_QUIET_ZONE + r + 0.5) * cell);
        const inside = r >= 0 && c >= 0 && r < modules.size && c < modules.size;
        const dark = inside && !!modules.get(r, c);
        if (page.pixel(x, y) < 128 !== dark) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });
});

describe('«Сертификат соорганизатора»', () => {
  it('names the co-organizer, school, campaign, date, serial and verification URL', async () => {
    const pdf = renderCoorganizerCertificatePdf(coorganizer, fonts);
    keepArtifact('certificate-coorganizer', pdf);
    const [page] = await readPdf(pdf);
    const text = page!.text.replace(/\s+/g, ' ');
    for (const s of [
      'соорганизатора',
      'Петров Сергей Николаевич',
      'является соорганизатором Всероссийской акции «Моё будущее — 2026»',
      'имени Героя Советского Союза',
      'Участников, выполнивших все задания: 87',
      '16 декабря 2026 г.',
      '№ MB-2026-ABCDEFGH',
      `${BASE}/verify/MB-2026-ABCDEFGH`,
    ]) {
      expect(text).toContain(s);
    }
    expect(outOfBounds(page!, 40)).toEqual([]);
  });
});
