import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { jsPDF } from 'jspdf';
import { describe, expect, it } from 'vitest';
import { parsedFontCount } from '../../../core/documents/font-cache.ts';
import { bytesToBase64, registerFonts, renderResultPdf } from '../../../core/documents/index.ts';
import { slimTrueType } from '../../../core/documents/ttf-slim.ts';
import { loadFonts } from '../../../core/node/fonts.ts';
import { resultInput } from './documents.factory.ts';
import { readPdf } from './pdf.helpers.ts';

const require = createRequire(import.meta.url);
const regularTtf = new Uint8Array(
  readFileSync(require.resolve('@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf')),
);

interface ParsedFont {
  characterToGlyph(code: number): number;
  widthOfGlyph(glyph: number): number;
  maxp: { numGlyphs: number };
}
const parse = (bytes: Uint8Array) =>
  (jsPDF as unknown as { API: { TTFFont: { open(b: Uint8Array): ParsedFont } } }).API.TTFFont.open(bytes);

describe('fonts', () => {
  it('are loaded from the package once per process and parsed once, not per document', () => {
    expect(loadFonts()).toBe(loadFonts());
    renderResultPdf(resultInput(), loadFonts());
    const parsed = parsedFontCount();
    for (let i = 0; i < 5; i++) renderResultPdf(resultInput({ fullName: `Ученик ${i}` }), loadFonts());
    expect(parsedFontCount()).toBe(parsed);
  });

  it('refuse bad font data with an error instead of a broken document', () => {
    const doc = new jsPDF();
    const junk = bytesToBase64(new TextEncoder().encode('это не шрифт, а просто текст, который притворяется шрифтом'));
    expect(() => registerFonts(doc, { regular: junk, bold: junk })).toThrow(/шрифт/);
  });

  it('keep each document’s text its own, whatever was printed before', async () => {
    const rare = renderResultPdf(resultInput({ fullName: 'Гөлнара Ӑлӑ' }), loadFonts());
    const plain = renderResultPdf(resultInput({ fullName: 'Иванова Мария' }), loadFonts());
    expect((await readPdf(rare))[0]!.text).toContain('Гөлнара Ӑлӑ');
    const text = (await readPdf(plain))[0]!.text;
    expect(text).toContain('Иванова Мария');
    expect(text).not.toContain('Гөлнара');
  });

  it('round-trip through base64 for hosts that load the TTF as bytes', () => {
    expect(bytesToBase64(regularTtf)).toBe(loadFonts().regular);
  });
});

describe('the slimmed font', () => {
  const slim = slimTrueType(regularTtf);

  it('is much smaller than the hinted original', () => {
    expect(slim.length).toBeLessThan(regularTtf.length / 3);
  });

  it('keeps every glyph, with the same glyph ids and advance widths', () => {
    const [before, after] = [parse(regularTtf), parse(slim)];
    expect(after.maxp.numGlyphs).toBe(before.maxp.numGlyphs);
    for (const ch of 'АаБбЁёЙйЪъЯя «Моё будущее» — № 2026 Ӑӑ Өө Ţ') {
      const g = before.characterToGlyph(ch.charCodeAt(0));
      expect(after.characterToGlyph(ch.charCodeAt(0))).toBe(g);
      expect(after.widthOfGlyph(g)).toBe(before.widthOfGlyph(g));
    }
  });

  it('is a well-formed font whose checksum adjustment is right', () => {
    const v = new DataView(slim.buffer, slim.byteOffset, slim.byteLength);
    let sum = 0;
    for (let i = 0; i < slim.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});
