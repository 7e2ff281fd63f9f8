/** Credentials and one-time codes are stored only as SHA-256 digests; the plain value is shown once. */
import { createHash, randomBytes } from 'node:crypto';
import { CODE_ALPHABET } from '../../core/codes.ts';

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function newCredential(): string {
  return randomBytes(32).toString('base64url');
}

/** A short code a teacher types on each classroom PC: 10 characters from the readable alphabet. */
export function newEnrollmentCode(): string {
  let out = '';
  const bytes = randomBytes(40);
  const limit = 256 - (256 % CODE_ALPHABET.length);
  for (const b of bytes) {
    if (b < limit) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
    if (out.length === 10) break;
  }
  return out;
}
