/** Searching names the same way on SQLite and PostgreSQL. */

/**
 * The ways a word is written: as typed, lower, upper and Capitalized. SQLite's lower() and LIKE
 * fold only Latin letters, so a search for «школа» must ask for «Школа» itself.
 */
export function caseVariants(text: string): string[] {
  const lower = text.toLowerCase();
  const capitalized = lower.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
  return [...new Set([text, lower, text.toUpperCase(), capitalized])];
}

/** Escapes LIKE's wildcards; the query says `escape '\'`. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
