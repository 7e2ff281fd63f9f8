/**
 * For everyone (issue 13): every screen of the co-organizer's cabinet, with a class's data on it,
 * passes axe-core with no serious or critical finding, needs no horizontal scrolling at a lab PC's
 * 1366×768, and every section is reached from the navigation by keyboard alone. The screens come
 * from the cabinet's own list, so a section added later is visited too.
 */
import type { Page } from '@playwright/test';
import { cabinetMessages as c } from '../../../core/messages/cabinet-screens.ts';
import { CABINET_VIEWS, NAV_VIEWS } from '../../../renderer/src/cabinet/views/views.ts';
import { DEMO } from '../../../sync-server/demo-seed.ts';
import { classTakesPart } from '../../integration/results/helpers.ts';
import { accessibilityProblems } from '../support/axe.ts';
import { expect, test } from '../support/fixtures.ts';
import { CabinetPage } from './cabinet.page.ts';
import { CABINET_SCREENS } from './screens.ts';

test.use({ viewport: { width: 1366, height: 768 } });

/** How far the page is wider than the window (0: nothing to scroll sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('every cabinet screen passes axe-core, fits 1366×768 and is reached by keyboard', async ({ page, central }) => {
  // Nine screens, each analysed by axe-core in full: minutes on a busy two-core machine.
  test.setTimeout(600_000);
  const school = await central.ctx().db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
  await classTakesPart({ url: central.url, ctx: central.ctx() }, school.id, central.code, [
    { surname: 'Константинопольская', name: 'Александра', schoolClass: '11А', steps: 12 },
    { surname: 'Ёлкин', name: 'Пётр', schoolClass: '9А', steps: 4 },
    { surname: 'Ибрагимов', name: 'Тимур', schoolClass: '9Б', steps: 0 },
  ]);
  const cabinet = new CabinetPage(page);
  await cabinet.open(central.url);
  expect(await accessibilityProblems(page), 'sign-in').toEqual([]);
  expect(await overflow(page), 'sign-in').toBeLessThanOrEqual(0);
  await cabinet.signIn(DEMO.coorganizer.email, DEMO.password);
  await expect(page.getByRole('heading', { level: 1, name: c.home.title })).toBeVisible();

  const findings: Record<string, string[]> = {};
  for (const view of CABINET_VIEWS) {
    await cabinet.open(central.url, view);
    // Each screen has drawn its data: nothing is still loading.
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('p.progress')).toHaveCount(0);
    const problems = await accessibilityProblems(page);
    const wider = await overflow(page);
    if (wider > 0) problems.push(`scrolls sideways by ${wider}px at 1366×768`);
    if (problems.length) findings[view] = problems;
    await page.screenshot({ path: `${CABINET_SCREENS}/a11y-${view}-1366x768.png`, fullPage: true });
  }
  expect(findings).toEqual({});

  // Keyboard only: from the top of the page, Tab reaches each section's link and Enter opens it.
  for (const view of NAV_VIEWS) {
    const label = c.sections[view];
    await cabinet.open(central.url, view === 'home' ? 'results' : 'home');
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((l) => document.activeElement?.textContent?.trim() === l, label);
    }
    expect(reached, `«${label}» reached by Tab`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: view === 'home' ? c.home.title : label })).toBeVisible();
  }
});
