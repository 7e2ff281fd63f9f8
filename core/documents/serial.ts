/**
 * Certificate serial numbers: «MB-2026-7KQ4M2XD». The year keeps a campaign's certificates apart;
 * the 8 characters come from the access-code alphabet (no 0/O, 1/I/L), so a serial read from paper
 * is typed back without mix-ups. The server stores every serial it issues, which makes them unique;
 * a clash (about 1 in 850 billion per pair) is simply drawn again.
 */
import { CODE_ALPHABET, generateCode, isValidCode, normalizeCode } from '../codes.ts';

export const SERIAL_PREFIX = 'MB';
const SERIAL_RE = new RegExp(`^${SERIAL_PREFIX}-(\\d{4})-([${CODE_ALPHABET}]{8})$`);

/** The serial for a campaign year and an 8-character code (deterministic: same input, same serial). */
export function certificateSerial(year: number, code: string): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`Неверный год: ${year}`);
  if (!isValidCode(code)) throw new RangeError(`Неверный код сертификата: ${code}`);
  return `${SERIAL_PREFIX}-${year}-${code}`;
}

/** A fresh random serial, drawn with crypto.getRandomValues. */
export function generateCertificateSerial(year: number, random?: (bytes: Uint8Array<ArrayBuffer>) => void): string {
  return certificateSerial(year, generateCode(random));
}

export function isValidCertificateSerial(serial: string): boolean {
  return SERIAL_RE.test(serial);
}

/** A serial as typed from paper («mb 2026 7kq4-m2xd») in canonical form, or null if it cannot be one. */
export function normalizeCertificateSerial(input: string): string | null {
  const compact = normalizeCode(input);
  const m = /^MB(\d{4})([0-9A-Z]{8})$/.exec(compact);
  if (!m) return null;
  const serial = `${SERIAL_PREFIX}-${m[1]}-${m[2]}`;
  return isValidCertificateSerial(serial) ? serial : null;
}

/** The page that confirms a certificate: `${baseUrl}/verify/${serial}`. */
export function verificationUrl(baseUrl: string, serial: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(serial)}`;
}
