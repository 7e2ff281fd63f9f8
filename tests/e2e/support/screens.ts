/**
 * Screenshots of every screen at the two sizes the kiosks have (old lab PCs and new ones), kept
 * as artifacts in tests/artifacts/screens/ for people to look at.
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const SCREEN_DIR = resolve(import.meta.dirname, '../../artifacts/screens');
/** PDFs the scenarios download, kept next to the screenshots. */
export const DOCUMENT_DIR = resolve(import.meta.dirname, '../../artifacts/documents');
export const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

mkdirSync(SCREEN_DIR, { recursive: true });
mkdirSync(DOCUMENT_DIR, { recursive: true });

export async function snap(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({
      path: `${SCREEN_DIR}/${name}-${size.width}x${size.height}.png`,
      animations: 'disabled',
      ...options,
    });
  }
  if (before) await page.setViewportSize(before);
}
