/**
 * Generated passwords for accounts the admin CLI creates and for students whose co-organizer
 * sets a new one («Сменить пароль»); they satisfy PasswordRule. And the decoy hash unknown
 * e-mails are checked against.
 */
import { randomInt } from 'node:crypto';
import { hashPassword } from '../../core/node/password.ts';

let decoy: Promise<string> | undefined;

/**
 * An unknown e-mail is checked against this hash, so the answer takes as long as for a real
 * account and response time does not tell which e-mails exist (staff login, the kiosk lookup).
 */
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword('decoy-0'));
}

// No look-alike characters (0/O, 1/l/I), so a printed password is typed right the first time.
const LETTERS = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';
const ALL = LETTERS + DIGITS;

export function generatePassword(length = 12): string {
  const chars = [LETTERS[randomInt(LETTERS.length)]!, DIGITS[randomInt(DIGITS.length)]!];
  while (chars.length < length) chars.push(ALL[randomInt(ALL.length)]!);
  // Fisher–Yates, so the guaranteed letter and digit are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
