/**
 * Numbers as Russian text prints them (part of the message catalog): groups of three digits apart
 * by a thin space that never breaks a line (U+202F), so «10 000» is never split across two lines
 * and every screen and refusal writes it the same way.
 */
export const THIN_SPACE = '\u202f';

/** «10 000», «1 500», «300»; a fraction keeps the Russian comma: «149,5». */
export function formatNumberRu(n: number): string {
  const [whole = '0', fraction] = Math.abs(n).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, THIN_SPACE);
  return `${n < 0 ? '−' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** The Russian plural: 1 символ, 2 символа, 5 символов (and 11 символов, 21 символ). */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const d10 = Math.abs(n) % 10;
  const d100 = Math.abs(n) % 100;
  if (d10 === 1 && d100 !== 11) return one;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few;
  return many;
}
