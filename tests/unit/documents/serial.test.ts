import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET } from '../../../core/codes.ts';
import {
  certificateSerial,
  generateCertificateSerial,
  isValidCertificateSerial,
  normalizeCertificateSerial,
  verificationUrl,
} from '../../../core/documents/index.ts';

describe('certificate serials', () => {
  it('are MB-<year>-<8 characters of the code alphabet>, the same for the same input', () => {
    expect(certificateSerial(2026, '7KQ4M2XD')).toBe('MB-2026-7KQ4M2XD');
    expect(certificateSerial(2026, '7KQ4M2XD')).toBe(certificateSerial(2026, '7KQ4M2XD'));
    expect(() => certificateSerial(2026, '7KQ4M2X0')).toThrow(RangeError);
    expect(() => certificateSerial(26, '7KQ4M2XD')).toThrow(RangeError);
  });

  it('are drawn from crypto.getRandomValues with the code alphabet', () => {
    const serials = new Set(Array.from({ length: 200 }, () => generateCertificateSerial(2026)));
    expect(serials.size).toBe(200);
    for (const s of serials) {
      expect(isValidCertificateSerial(s)).toBe(true);
      for (const ch of s.slice(8)) expect(CODE_ALPHABET).toContain(ch);
    }
  });

  it('take an injected random source, for reproducible tests', () => {
    const zeros = (b: Uint8Array) => b.fill(0);
    expect(generateCertificateSerial(2026, zeros)).toBe(`MB-2026-${CODE_ALPHABET[0]!.repeat(8)}`);
  });

  it('are recognised when typed from paper', () => {
    expect(normalizeCertificateSerial(' mb-2026-7kq4 m2xd ')).toBe('MB-2026-7KQ4M2XD');
    expect(normalizeCertificateSerial('MB2026-7KQ4M2XD')).toBe('MB-2026-7KQ4M2XD');
    expect(normalizeCertificateSerial('MB-2026-7KQ4M2X0')).toBeNull();
    expect(normalizeCertificateSerial('что-то другое')).toBeNull();
  });

  it('lead to the verification page', () => {
    expect(verificationUrl('https://mb.example.ru/', 'MB-2026-7KQ4M2XD')).toBe(
      'https://mb.example.ru/verify/MB-2026-7KQ4M2XD',
    );
    expect(verificationUrl('https://mb.example.ru/app', 'MB-2026-7KQ4M2XD')).toBe(
      'https://mb.example.ru/app/verify/MB-2026-7KQ4M2XD',
    );
  });
});
