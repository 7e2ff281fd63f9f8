/**
 * Names of files inside an archive a teacher unpacks on Windows, macOS or Linux: readable
 * (Cyrillic kept; the ZIP marks its names as UTF-8), with no path separators or characters any of
 * them refuses, none of Windows' reserved device names, and no two alike.
 */

const MAX_BASE = 100;
/** CON.pdf, nul.xlsx… are devices on Windows whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** One safe name: letters, digits, spaces and a few marks; anything else becomes a space. */
export function safeFileBase(text: string, fallback: string): string {
  const base = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N} .,()№«»_-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, MAX_BASE)
    // A leading dot hides a file; a trailing dot or space is dropped by Windows.
    .replace(/^[ .]+|[ .]+$/g, '');
  if (!base) return fallback;
  return RESERVED.test(base) ? `_${base}` : base;
}

/** Hands out names that differ from every one given before, case aside: «Иванов Иван (2).pdf». */
export function uniqueFileNames(): (base: string, extension: string) => string {
  const taken = new Set<string>();
  return (base, extension) => {
    let name = `${base}.${extension}`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n}).${extension}`;
    taken.add(name.toLowerCase());
    return name;
  };
}
