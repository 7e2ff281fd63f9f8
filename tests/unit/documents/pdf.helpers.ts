/**
 * Reading the PDFs back as a person's tools would: text through pdf.js (as a viewer's search and
 * copy do), pages through poppler's pdftoppm (kept as PNG artifacts to look at).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/pdf/', import.meta.url));

export const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export interface PageText {
  text: string;
  width: number;
  height: number;
  /** Each text run with its box in PDF units (points, origin bottom-left). */
  items: { str: string; x: number; y: number; width: number; height: number; font: string }[];
}

export async function readPdf(bytes: Uint8Array): Promise<PageText[]> {
  // pdf.js takes ownership of the buffer it is given, so it gets a copy.
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items = content.items
      .filter((i) => 'str' in i && i.str.trim() !== '')
      .map((i) => {
        const t = i as { str: string; transform: number[]; width: number; height: number; fontName: string };
        return {
          str: t.str,
          x: t.transform[4]!,
          y: t.transform[5]!,
          width: t.width,
          height: t.height,
          font: t.fontName,
        };
      });
    pages.push({ text: items.map((i) => i.str).join('\n'), width, height, items });
  }
  await doc.destroy();
  return pages;
}

/** Text runs that reach outside the page's `margin` (in points): cut or overflowing text. */
export function outOfBounds(page: PageText, margin = 14): string[] {
  return page.items
    .filter(
      (i) =>
        i.x < margin || i.x + i.width > page.width - margin || i.y < margin || i.y + i.height > page.height - margin,
    )
    .map((i) => i.str);
}

/** Writes the PDF to tests/artifacts/pdf and, where poppler is installed, its pages as PNG. */
export function keepArtifact(name: string, bytes: Uint8Array): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}${name}.pdf`;
  writeFileSync(path, bytes);
  if (hasPdftoppm) execFileSync('pdftoppm', ['-r', '110', '-png', path, `${ARTIFACTS}${name}`]);
  return path;
}

/** A page rendered in grey at `dpi`, one byte per pixel (0 black … 255 white). */
export function grayPage(
  pdfPath: string,
  dpi: number,
): { width: number; height: number; pixel(x: number, y: number): number } {
  const out = `${pdfPath}.${dpi}`;
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-singlefile', pdfPath, out]);
  const pgm = readFileSync(`${out}.pgm`);
  rmSync(`${out}.pgm`); // 9 MB of grey pixels: not an artifact anyone looks at
  // Binary PGM: "P5\n<width> <height>\n<max>\n" then the pixels.
  const header = pgm
    .subarray(0, 64)
    .toString('latin1')
    .match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('not a PGM file');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const start = header[0].length;
  return { width, height, pixel: (x, y) => pgm[start + Math.round(y) * width + Math.round(x)]! };
}
