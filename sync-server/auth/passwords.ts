/**
 * Generated passwords for accounts the admin CLI creates and for students whose co-organizer
 * sets a new one («Сменить пароль»); they satisfy PasswordRule.
 */
import { randomInt } from 'node:crypto';

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
