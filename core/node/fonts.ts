/**
 * PT Sans for PDF documents in Node (the server and the kiosk host): read from the
 * @expo-google-fonts/pt-sans package once per process and kept as base64.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FontData } from '../documents/fonts.ts';

const require = createRequire(import.meta.url);
let cached: FontData | undefined;

function read(file: string): string {
  return readFileSync(require.resolve(`@expo-google-fonts/pt-sans/${file}`)).toString('base64');
}

export function loadFonts(): FontData {
  cached ??= { regular: read('400Regular/PTSans_400Regular.ttf'), bold: read('700Bold/PTSans_700Bold.ttf') };
  return cached;
}
