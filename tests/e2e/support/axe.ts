/** axe-core on a page as it stands: the serious and critical findings, as «rule: target» lines. */
import type { Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';

export async function accessibilityProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}
