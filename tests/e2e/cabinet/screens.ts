/** Screenshots of the cabinet and the dashboard at a lab PC's 1366×768 and a new monitor's 1920×1080. */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const CABINET_SCREENS = resolve(import.meta.dirname, '../../artifacts/screens/cabinet');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

mkdirSync(CABINET_SCREENS, { recursive: true });

export async function snap(page: Page, name: string, fullPage = false): Promise<void> {
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({
      path: `${CABINET_SCREENS}/${name}-${size.width}x${size.height}.png`,
      animations: 'disabled',
      fullPage,
    });
  }
  if (before) await page.setViewportSize(before);
}
