/**
 * Issue 15 on screen: the co-organizer deletes a student's data from «Результаты» with a reason;
 * technical support downloads a participant's data and deletes them from the participant card;
 * the organizer sets how long personal data is kept in the campaign form.
 */
import { readFileSync } from 'node:fs';
import { DEMO } from '../../../sync-server/demo-seed.ts';
import { classTakesPart } from '../../integration/results/helpers.ts';
import { expect, test } from '../support/fixtures.ts';
import { CabinetPage } from './cabinet.page.ts';
import { snap } from './screens.ts';

test.use({ viewport: { width: 1366, height: 768 } });

test('«Удалить данные» and «Выгрузить данные»: the co-organizer with a reason, support from the card', async ({
  page,
  central,
}) => {
  const ctx = central.ctx();
  const school = await ctx.db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
  const [alena, petr] = await classTakesPart({ url: central.url, ctx }, school.id, central.code, [
    { surname: 'Соколова', name: 'Алёна', schoolClass: '9А', steps: 3 },
    { surname: 'Ёлкин', name: 'Пётр', schoolClass: '9А', steps: 1 },
  ]);
  const exists = async (id: string) =>
    (await ctx.db.selectFrom('participants').select('id').where('id', '=', id).execute()).length === 1;

  const cabinet = new CabinetPage(page);
  await cabinet.open(central.url);
  await cabinet.signIn(DEMO.coorganizer.email, DEMO.password);
  await cabinet.go('Результаты');
  await snap(page, '50-results-privacy-buttons');
  await page.getByRole('button', { name: 'Удалить данные участника: Соколова Алёна' }).click();
  await expect(cabinet.dialog).toContainText('Удалить данные участника Соколова Алёна?');
  await expect(cabinet.dialog).toContainText('Отменить удаление нельзя.');
  // The reason is required: «Удалить» without one sends nothing.
  await cabinet.dialog.getByRole('button', { name: 'Удалить' }).click();
  await expect(cabinet.dialog).toBeVisible();
  expect(await exists(alena!.id)).toBe(true);
  await cabinet.dialog.getByLabel('Причина удаления').fill('заявление родителя от 02.12.2026');
  await snap(page, '51-cabinet-erase-dialog');
  await cabinet.dialog.getByRole('button', { name: 'Удалить' }).click();
  await expect(cabinet.dialog).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Соколова Алёна/ })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Ёлкин Пётр/ })).toBeVisible();
  expect(await exists(alena!.id)).toBe(false);

  await page.goto(`${central.url}/#/dashboard`);
  const dashboard = new CabinetPage(page);
  await dashboard.signIn(DEMO.organizer.email, DEMO.password);
  await dashboard.go('Участники');
  await page.getByLabel('E-mail или фамилия').fill(petr!.email);
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByTestId('participants').getByRole('link', { name: 'Ёлкин Пётр' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Выгрузить данные участника: Ёлкин Пётр' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^moe-budushchee-dannye-uchastnika-\d{4}-\d\d-\d\d\.json$/);
  const data = JSON.parse(readFileSync((await file.path())!, 'utf8')) as Record<string, Record<string, string>>;
  expect(data['Регистрация']).toMatchObject({ Фамилия: 'Ёлкин', Имя: 'Пётр', 'E-mail': petr!.email });
  await page.getByRole('button', { name: 'Удалить данные участника: Ёлкин Пётр' }).click();
  await expect(dashboard.dialog.getByLabel('Причина удаления (необязательно)')).toBeVisible();
  await snap(page, '52-support-erase-dialog');
  await dashboard.dialog.getByRole('button', { name: 'Удалить' }).click();
  await expect(page.getByTestId('participant-erased')).toHaveText('Данные участника удалены.');
  await expect(page.getByText(petr!.email)).toHaveCount(0);
  await snap(page, '53-support-erased');
  expect(await exists(petr!.id)).toBe(false);

  await dashboard.go('Журнал действий');
  await expect(page.getByText('Удалены данные участника').first()).toBeVisible();
  await expect(page.getByText('Выгружены данные участника').first()).toBeVisible();
});

test('the organizer sets how long personal data is kept after the campaign', async ({ page, central }) => {
  await page.goto(`${central.url}/#/dashboard`);
  const dashboard = new CabinetPage(page);
  await dashboard.signIn(DEMO.organizer.email, DEMO.password);
  await dashboard.go('Настройки акции');
  const field = page.getByLabel('Срок хранения персональных данных, дней после окончания акции');
  await field.fill('ноль');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Укажите срок хранения данных числом дней')).toBeVisible();
  await field.fill('365');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Настройки сохранены')).toBeVisible();
  await field.scrollIntoViewIfNeeded();
  await snap(page, '54-campaign-retention');
  const row = await central
    .ctx()
    .db.selectFrom('campaigns')
    .select('settings')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  expect(JSON.parse(row.settings).retentionDays).toBe(365);
});
