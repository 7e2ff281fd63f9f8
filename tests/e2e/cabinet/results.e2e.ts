/**
 * 3.2.1 «для просмотра, а также для скачивания»: a co-organizer finds a student in «Результаты»
 * by name, class and status, pages through the school, opens a student's result on screen and
 * finds every word of it in the student's PDF; a student part-way shows the step they are at.
 * By keyboard, at 1366×768 with nothing to scroll sideways, and with axe-core finding nothing
 * serious.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO } from '../../../sync-server/demo-seed.ts';
import { classTakesPart, pdfText, type Student } from '../../integration/results/helpers.ts';
import { accessibilityProblems } from '../support/axe.ts';
import { expect, test } from '../support/fixtures.ts';
import { CabinetPage } from './cabinet.page.ts';
import { snap } from './screens.ts';

test.use({ viewport: { width: 1366, height: 768 } });

/** 27 more students of 9А–10Б, so the list has two pages of 25. */
const CLASS: Student[] = Array.from({ length: 27 }, (_, i) => ({
  surname: `Петров${String.fromCharCode(0x430 + i)}`,
  name: 'Иван',
  schoolClass: ['9А', '9Б', '10Б'][i % 3]!,
  steps: (i * 5) % 13,
}));

const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

test('a student’s result opens on screen with the words of their PDF; the list is searched, filtered and paged', async ({
  page,
  central,
}) => {
  // Long: a class of 29 is seeded over HTTP, and axe-core reads three screens.
  test.slow();
  const school = await central.ctx().db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
  await classTakesPart({ url: central.url, ctx: central.ctx() }, school.id, central.code, [
    { surname: 'Соколова', name: 'Алёна', schoolClass: '9А', steps: 12 },
    { surname: 'Ёлкин', name: 'Пётр', schoolClass: '9Б', steps: 7 },
    ...CLASS,
  ]);
  const cabinet = new CabinetPage(page);
  await cabinet.open(central.url, 'results');
  await cabinet.signIn(DEMO.coorganizer.email, DEMO.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Результаты' })).toBeVisible();

  // The numbers at the top are the school's: 29 students, 3 with every step done, 3 not started.
  const counts = page.getByTestId('counts');
  await expect(counts).toContainText(/Зарегистрировались\s*29/);
  await expect(counts).toContainText(/Проходят шаги\s*23/);
  await expect(counts).toContainText(/Прошли все шаги\s*3/);
  const rows = page.getByTestId('results').locator('tbody tr');
  await expect(rows).toHaveCount(25);
  await expect(page.getByTestId('page-of')).toHaveText('Страница 1 из 2');
  expect(await scrollsSideways(page)).toBe(false);
  expect(await accessibilityProblems(page)).toEqual([]);
  await snap(page, '20-results-list');
  await page.screenshot({ path: '/tmp/i13-results-list-1366.png' });

  await page.getByRole('button', { name: /Следующая страница/ }).click();
  await expect(page.getByTestId('page-of')).toHaveText('Страница 2 из 2');
  await expect(rows).toHaveCount(4);

  // Filters: class, then status too; then back to everyone.
  await page.getByLabel('Класс', { exact: true }).selectOption('9Б');
  await expect(page.getByText('Найдено: 10')).toBeVisible();
  await page.getByLabel('Статус', { exact: true }).selectOption({ label: 'проходит шаги' });
  await expect(rows.first()).toContainText('проходит шаги');
  expect(await rows.evaluateAll((trs) => trs.every((tr) => tr.getAttribute('data-status') === 'in_progress'))).toBe(
    true,
  );
  await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
  await expect(page.getByText('Найдено: 29')).toBeVisible();

  // By keyboard: the search box, a name typed in lower case, Tab to the student, Enter.
  await page.getByLabel('Поиск по фамилии или имени').focus();
  await page.keyboard.type('соколова');
  await expect(rows).toHaveCount(1);
  const link = page.getByRole('link', { name: 'Открыть результат: Соколова Алёна' });
  for (let i = 0; i < 20 && !(await link.evaluate((a) => a === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');

  // On screen: the profile chart and the document, every paragraph of which the PDF says too.
  const doc = page.getByTestId('result-document');
  await expect(page.getByRole('heading', { level: 1, name: 'Результат участия' })).toBeVisible();
  await expect(doc.getByTestId('profile').locator('canvas')).toHaveAttribute('data-drawn', 'true');
  await expect(doc.locator('.identity')).toContainText('Соколова Алёна');
  expect(await scrollsSideways(page)).toBe(false);
  expect(await accessibilityProblems(page)).toEqual([]);
  await snap(page, '21-result-on-screen');
  await page.screenshot({ path: '/tmp/i13-result-1366.png' });
  await page.screenshot({ path: '/tmp/i13-result-1366-full.png', fullPage: true });

  const onScreen = await doc
    .locator('dt, dd, h2, h3, p, li, .title, .subject, .interest')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText));
  const file = await cabinet.download(page.getByRole('button', { name: 'Скачать PDF' }));
  const pdf = squash(await pdfText(new Uint8Array(readFileSync((await file.path())!))));
  const pieces = onScreen.flatMap((t) => t.split('\n')).map((t) => squash(t.replace(/^·\s*/, '')));
  expect(pieces.length).toBeGreaterThan(30);
  for (const piece of pieces.filter(Boolean)) expect(pdf, piece).toContain(piece);

  // Back to the list, the search kept; a student part-way says the step they are at and shows no profile.
  await page.getByRole('link', { name: 'К списку результатов' }).click();
  await expect(page.getByLabel('Поиск по фамилии или имени')).toHaveValue('соколова');
  await page.getByLabel('Поиск по фамилии или имени').fill('Ёлкин');
  await page.getByRole('link', { name: 'Открыть результат: Ёлкин Пётр' }).click();
  await expect(page.getByTestId('student-progress')).toContainText(
    'Учащийся на шаге 8 из 12 (выполнено шагов: 7). Результат появится после прохождения всех шагов.',
  );
  await expect(page.getByTestId('profile')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Скачать PDF' })).toHaveCount(0);
  expect(await accessibilityProblems(page)).toEqual([]);
  await snap(page, '22-result-in-progress');
  await page.screenshot({ path: '/tmp/i13-in-progress-1366.png' });
});
