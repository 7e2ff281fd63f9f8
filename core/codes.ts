/**
 * Access codes: 8 characters of digits and Latin capitals, as the instruction says, drawn from a
 * cryptographically secure source. Characters that are confused when read aloud or from a
 * projector (0/O, 1/I/L) are left out; input is accepted in any case with spaces and dashes.
 */
export const CODE_LENGTH = 8;
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

const allowed = new Set(CODE_ALPHABET);

export function generateCode(
  random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => crypto.getRandomValues(b),
): string {
  // Rejection sampling: 256 is not a multiple of the alphabet size, and a plain modulo
  // would make the first characters more likely.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let out = '';
  const buf = new Uint8Array(32);
  while (out.length < CODE_LENGTH) {
    random(buf);
    for (const b of buf) {
      if (b < limit) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
      if (out.length === CODE_LENGTH) break;
    }
  }
  return out;
}

/**
 * Cyrillic capitals drawn exactly like Latin ones: a code typed with the Russian keyboard layout
 * still on, or retyped from a printed sheet, reads as the same code.
 */
const LOOK_ALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
};

/** Upper-cases, reads Cyrillic look-alikes as Latin, and drops separators a person types or copies. */
export function normalizeCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, '')
    .replace(/[АВЕКМНРСТХУ]/g, (ch) => LOOK_ALIKES[ch]!);
}

/** The distinct characters of a (normalized) code that no code contains, in the order typed. */
export function foreignCodeChars(code: string): string[] {
  return [...new Set([...code].filter((ch) => !allowed.has(ch)))];
}

export function isValidCode(code: string): boolean {
  if (code.length !== CODE_LENGTH) return false;
  for (const ch of code) if (!allowed.has(ch)) return false;
  return true;
}

/** «ABCD-EFGH»: easier to read aloud and to copy from a printed sheet. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
