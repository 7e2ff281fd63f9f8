/** Codes: «уникальная строка из 8 случайно сгенерированных символов… числа, буквы латинского алфавита». */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  foreignCodeChars,
  formatCode,
  generateCode,
  isValidCode,
  normalizeCode,
} from '../../../core/codes.ts';

describe('access codes', () => {
  it('are 8 characters of digits and Latin capitals', () => {
    for (let i = 0; i < 1000; i++) expect(generateCode()).toMatch(/^[0-9A-Z]{8}$/);
    expect(CODE_LENGTH).toBe(8);
  });

  it('never use characters confused when read aloud or from a projector', () => {
    for (const ch of '0O1IL') expect(CODE_ALPHABET).not.toContain(ch);
    const seen = new Set(Array.from({ length: 2000 }, generateCode).join(''));
    for (const ch of '0O1IL') expect(seen.has(ch)).toBe(false);
    // Every allowed character does turn up, so no part of the alphabet is dead.
    expect([...seen].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
  });

  it('almost never repeat over 100 000 draws', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 100_000; i++) codes.add(generateCode());
    // 31^8 ≈ 8.5·10^11 codes: by the birthday bound one repeat turns up in about 0.6 % of runs (the
    // unique index makes the server draw again then), three or more almost never; a generator
    // with a fraction of the entropy repeats thousands of times.
    expect(100_000 - codes.size).toBeLessThanOrEqual(2);
  });

  it('draw characters evenly even though 256 is not a multiple of the alphabet size', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) for (const ch of generateCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = (20_000 * CODE_LENGTH) / CODE_ALPHABET.length;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.08);
  });

  it('use only the bytes below the rejection limit from an injected random source', () => {
    // 248 = 256 - 256 % 31 is the first rejected byte; 0 maps to the first character.
    const code = generateCode((b) => b.set(Array.from({ length: b.length }, (_, i) => (i % 2 === 0 ? 255 : 0))));
    expect(code).toBe(CODE_ALPHABET[0]!.repeat(8));
  });

  it('read a code typed with the Russian layout on as the same code', () => {
    // «К7М2-Р9ХС» in Cyrillic capitals and lower case: the same keys, the same code.
    expect(normalizeCode('К7М2-Р9ХС')).toBe('K7M2P9XC');
    expect(normalizeCode('к7м2 р9хс')).toBe('K7M2P9XC');
    expect(isValidCode(normalizeCode('к7м2 р9хс'))).toBe(true);
  });

  it('name the characters no code contains, so the student knows what to check', () => {
    expect(foreignCodeChars(normalizeCode('ABCD-1234'))).toEqual(['1']);
    expect(foreignCodeChars(normalizeCode('O0O0-ЖЖ22'))).toEqual(['O', '0', 'Ж']);
    expect(foreignCodeChars(generateCode())).toEqual([]);
  });

  it('accept what a student types: lower case, spaces and dashes', () => {
    expect(normalizeCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeCode(' ab cd\tef—gh ')).toBe('ABCDEFGH');
    expect(isValidCode(normalizeCode(formatCode('K7M2P9QX').toLowerCase()))).toBe(true);
    fc.assert(
      fc.property(
        fc.constant(null).map(() => generateCode()),
        fc.boolean(),
        (code, lower) => {
          const typed = formatCode(lower ? code.toLowerCase() : code).replace('-', ' - ');
          expect(normalizeCode(typed)).toBe(code);
        },
      ),
    );
  });

  it('reject wrong lengths and characters outside the alphabet', () => {
    for (const bad of ['', 'ABCDEFG', 'ABCDEFGHJ', 'ABCDEFG0', 'ABCDEFGO', 'ABCDEFGI', 'abcdefgh', 'ABCDЕFGH'])
      expect(isValidCode(bad)).toBe(false);
  });
});
