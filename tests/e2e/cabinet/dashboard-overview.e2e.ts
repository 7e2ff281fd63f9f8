/**
 * «Акция в цифрах»: the organizer sees a seeded country's numbers exactly, drawn as charts with
 * the numbers beside, goes down to a region and a school (its co-organizers, tariffs and PCs) and
 * downloads a table whose numbers are the screen's; a pupil registering on a classroom PC shows
 * up on the open page without a reload.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { parseCsv } from '../../../core/csv.ts';
import { DEMO } from '../../../sync-server/demo-seed.ts';
import { expectedDashboard, seedDashboardData } from '../../support/dashboard-data.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { enroll, MutationMaker } from '../../support/factories.ts';
import { expect, test } from '../support/fixtures.ts';
import { CabinetPage } from './cabinet.page.ts';
import { snap } from './screens.ts';

test.use({ viewport: { width: 1366, height: 768 } });

/** The cells of a table's row, its first (header) cell included. */
const cells = (table: Locator, name: string | RegExp) => table.getByRole('row', { name }).locator('th, td');

/** A chart has been drawn when its canvas holds painted pixels. */
async function paintedPixels(page: Page, testid: string): Promise<number> {
  const canvas = page.getByTestId(testid).locator('canvas');
  await expect(canvas).toHaveAttribute('data-drawn', 'true');
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

test('the organizer reads the campaign at a glance, region by region and school by school', async ({
  page,
  central,
}) => {
  const ctx = central.ctx();
  const data = await seedDashboardData(ctx, 12);
  const pc = await enroll(central.url, ctx, data.schools.moscowA, 'Кабинет 12, ПК 3');
  const want = expectedDashboard(12);
  // The demo's own school is in Moscow too, with its co-organizer (its tariff is last year's now).
  const moscow = { ...want.moscow, schools: 3, coorganizers: 4 };

  await page.goto(`${central.url}/#/dashboard`);
  const dashboard = new CabinetPage(page);
  await dashboard.signIn(DEMO.organizer.email, DEMO.password);
  await dashboard.go('Акция в цифрах');

  const totals = page.getByTestId('totals');
  await expect(totals.getByRole('definition')).toHaveText([
    '4', // schools: three seeded and the demo's
    '5',
    String(want.country.tariffs),
    String(want.country.places),
    '6\u202f750\u00a0₽',
    String(want.country.registered),
    String(want.country.activated),
    String(want.country.finished),
    String(want.country.certificates),
  ]);
  const table = page.getByTestId('overview-table');
  await expect(cells(table, /^Москва/)).toHaveText([
    'Москва',
    String(moscow.schools),
    String(moscow.coorganizers),
    '2',
    '40',
    '6\u202f000\u00a0₽',
    '6',
    '4',
    ...moscow.funnel.map(String),
    '1',
    '1',
  ]);
  await expect(cells(table, /^Приморский край/)).toHaveText([
    'Приморский край',
    '1',
    '1',
    '1',
    '5',
    '750\u00a0₽',
    '2',
    '1',
    ...want.primorye.funnel.map(String),
    '1',
    '0',
  ]);
  // The funnel's numbers beside its chart: registered, activated, then each step.
  const funnel = page.getByTestId('funnel-chart');
  await expect(funnel.getByRole('definition')).toHaveText(
    [want.country.registered, want.country.activated, ...want.country.funnel].map(String),
  );
  expect(await paintedPixels(page, 'funnel-chart')).toBeGreaterThan(1000);
  expect(await paintedPixels(page, 'rows-chart')).toBeGreaterThan(1000);
  await snap(page, '30-dashboard-overview-country', true);

  // The table downloads with the numbers shown.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Скачать CSV' }).click(),
  ]);
  const { records } = parseCsv(readFileSync((await csv.path())!, 'utf8'));
  expect(records.map((r) => r.cells[0])).toEqual(['Регион', 'Приморский край', 'Москва']);
  expect(records[2]!.cells.slice(1, 8)).toEqual(['3', '4', '2', '40', '6000', '6', '4']);

  // Live: a pupil registers on a classroom PC; the open page counts them without a reload.
  await new DeviceClient(central.url, pc.credential, pc.instanceId).push([new MutationMaker().register(uuidv7())]);
  await expect(totals.getByRole('definition').nth(5)).toHaveText(String(want.country.registered + 1));
  await expect(cells(table, /^Москва/).nth(6)).toHaveText(String(moscow.registered + 1));

  await table.getByRole('link', { name: 'Москва' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Акция в цифрах: Москва' })).toBeVisible();
  const schools = page.getByTestId('overview-table');
  const withNewPupil = { registered: '7' };
  await expect(cells(schools, /^Школа № 1 «Лидер»/)).toHaveText([
    'Школа № 1 «Лидер»',
    'Москва',
    '2',
    '2',
    '40',
    '6\u202f000\u00a0₽',
    withNewPupil.registered,
    '4',
    ...want.moscowA.funnel.map(String),
    '1',
    '1',
  ]);
  expect(await paintedPixels(page, 'rows-chart')).toBeGreaterThan(500);
  await snap(page, '31-dashboard-overview-region', true);

  await schools.getByRole('link', { name: 'Школа № 1 «Лидер»' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Школа № 1 «Лидер»' })).toBeVisible();
  await expect(page.getByTestId('school-coorganizers').getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('school-coorganizers')).toContainText('Иванова Мария Петровна');
  await expect(cells(page.getByTestId('school-tariffs'), /^[0-9A-Z]{8}\b.*\b30\b/)).toHaveCount(5);
  await expect(page.getByTestId('school-devices')).toContainText('Кабинет 12, ПК 3');
  expect(await paintedPixels(page, 'funnel-chart')).toBeGreaterThan(1000);
  await snap(page, '32-dashboard-overview-school', true);

  // Back goes up a level.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Акция в цифрах: Москва' })).toBeVisible();
});
