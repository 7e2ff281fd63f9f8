/**
 * Fonts for the PDF documents. jsPDF's built-in fonts have no Cyrillic, so PT Sans is embedded.
 * The host supplies the TTF bytes as base64 (Node reads them from the package with
 * core/node/fonts.ts; a browser host can fetch or bundle them), so this module stays free of
 * Node and works in the kiosk renderer offline.
 */
import type { jsPDF } from 'jspdf';
import { documentMessages } from '../messages/documents.ts';
import { cachedFontFile } from './font-cache.ts';

/** PT Sans TrueType files, base64-encoded. */
export interface FontData {
  regular: string;
  bold: string;
}

export const FONT_FAMILY = 'PTSans';

/** Makes PT Sans (normal and bold) available in `doc` and selects the normal face. */
export function registerFonts(doc: jsPDF, fonts: FontData): void {
  const faces: [style: 'normal' | 'bold', data: string][] = [
    ['normal', fonts.regular],
    ['bold', fonts.bold],
  ];
  for (const [style, data] of faces) {
    const file = `${FONT_FAMILY}-${style}.ttf`;
    doc.addFileToVFS(file, cachedFontFile(data));
    doc.addFont(file, FONT_FAMILY, style, 'Identity-H');
    // jsPDF logs a failed font load and goes on with garbage; a document must fail instead.
    const loaded = (
      doc.internal as unknown as { getFont(name: string, style: string): { metadata?: { cmap?: unknown } } }
    ).getFont(FONT_FAMILY, style).metadata?.cmap;
    if (!loaded) throw new Error(documentMessages.fontNotLoaded(`${FONT_FAMILY} ${style}`));
  }
  doc.setFont(FONT_FAMILY, 'normal');
}

/** Base64 of raw bytes, for hosts that load the TTF files as binary (fetch, Vite `?url`). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
