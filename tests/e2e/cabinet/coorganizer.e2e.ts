/**
 * A co-organizer follows the printed instruction in the cabinet: «Войти»; «Получить тарифы для
 * участников» → «Количество участников» 25, sees the cost, «Получить», and finds the code with 25
 * places in «Приобретенные тарифы»; prints the codes; connects a classroom computer; opens
 * «Результаты» and downloads a result; «Скачать сертификат соорганизатора»; «Выйти».
 */
import { readFileSync } from 'node:fs';
import { addDays, formatDayRu, localDay } from '../../../core/calendar.ts';
import { findActiveCampaign } from '../../../sync-server/campaigns/campaign.repository.ts';
import { updateActiveCampaign } from '../../../sync-server/organizer/campaign.service.ts';
import { DEMO, demoSettings } from '../../../sync-server/demo-seed.ts';
import { classTakesPart } from '../../integration/results/helpers.ts';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../playwright.config.ts';
import { expect, test, watchRequests } from '../support/fixtures.ts';
import { ownOrigin } from '../support/own-origins.ts';
import { CabinetPage } from './cabinet.page.ts';
import { snap } from './screens.ts';

test.use({ viewport: { width: 1366, height: 768 } });

test('a co-organizer follows the instruction from sign-in to the certificate', async ({ page, central }) => {
  const school = await central.ctx().db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
  await classTakesPart({ url: central.url, ctx: central.ctx() }, school.id, central.code, [
    { surname: 'Соколова', name: 'Алёна', schoolClass: '9А', steps: 12 },
    { surname: 'Ёлкин', name: 'Пётр', schoolClass: '9А', steps: 7 },
    { surname: 'Ибрагимов', name: 'Тимур', schoolClass: '9Б', steps: 0 },
  ]);
  const cabinet = new CabinetPage(page);
  // The cabinet is the server's page: it never asks for the kiosk's API, and nothing it loads is missing.
  const kioskCalls: string[] = [];
  const missing: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/kiosk-api')) kioskCalls.push(r.url());
  });
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });

  await cabinet.open(central.url);
  await expect(page.getByRole('heading', { name: 'Личный кабинет соорганизатора' })).toBeVisible();
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page.getByText('Проверьте поля, отмеченные красным.')).toBeVisible();
  await snap(page, '01-sign-in-errors');
  await cabinet.signIn(DEMO.coorganizer.email, DEMO.password);
  await expect(page.getByRole('heading', { name: 'Порядок участия в акции' })).toBeVisible();
  await expect(page.getByText(/1 код на 30 участников/)).toBeVisible();
  await snap(page, '02-home');

  // 1.1–1.2: the count, the total cost computed as it is typed, then «Получить».
  await cabinet.go('Получить тарифы для участников');
  await expect(cabinet.countNote).toHaveText('Целое число от 1 до 10 000');
  // A count the server would refuse is refused as it is typed, not only at «Получить»; 10 000 is
  // written with a thin space in the hint and in the refusal alike.
  for (const typed of ['0', '10001', 'abc']) {
    await cabinet.count.fill(typed);
    await expect(cabinet.countNote).toHaveText(
      typed === 'abc' ? 'Укажите количество участников числом' : 'Количество участников — от 1 до 10 000',
    );
    await expect(cabinet.count).toHaveAttribute('aria-invalid', 'true');
    await expect(cabinet.cost).toHaveText(
      'Итоговая стоимость появится, когда количество участников будет указано верно.',
    );
    if (typed === '10001') {
      expect(await cabinet.countNote.textContent()).toContain('10\u202f000');
      await snap(page, '03-tariff-count-out-of-range');
    }
  }
  await cabinet.count.fill('25');
  await expect(cabinet.countNote).toHaveText('Целое число от 1 до 10 000');
  await expect(cabinet.cost).toHaveText('Итоговая стоимость: 2 500 ₽');
  await snap(page, '03-tariff-cost');
  // «Получить» asks first: the number and the total, and nothing is bought until «Да, получить».
  const get = page.getByRole('button', { name: 'Получить', exact: true });
  const confirm = page.getByTestId('confirm');
  await get.dblclick();
  await expect(confirm.getByTestId('confirm-count')).toHaveText('25');
  await expect(confirm.getByTestId('confirm-cost')).toHaveText('2 500 ₽');
  await expect(page.getByRole('button', { name: 'Да, получить' })).not.toBeFocused();
  await snap(page, '03b-tariff-confirm');
  await page.getByRole('button', { name: 'Изменить количество' }).click();
  await expect(confirm).toBeHidden();
  await expect(cabinet.count).toBeFocused();
  expect(await central.ctx().db.selectFrom('tariffs').select('id').execute()).toHaveLength(1);
  await get.click();
  await page.getByRole('button', { name: 'Да, получить' }).dblclick();
  const obtained = page.getByTestId('obtained');
  await expect(obtained).toContainText('Подтверждённое количество участников');
  const code = (await obtained.locator('.code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(obtained.locator('.places')).toHaveText('25');
  const toCodes = obtained.getByRole('link', { name: 'Все коды — в разделе «Приобретенные тарифы»' });
  // A button like the cabinet's others, not the browser's blue underlined link.
  await expect(toCodes).toHaveCSS('text-decoration-line', 'none');
  await expect(toCodes).toHaveCSS('border-top-style', 'solid');
  await snap(page, '04-tariff-obtained');

  // 1.3: «Приобретенные тарифы» shows the new code with its 25 places (a double click bought once).
  await cabinet.go('Приобретенные тарифы');
  const row = page.getByTestId('purchased').getByRole('row').filter({ hasText: code });
  await expect(row).toHaveCount(1);
  // Used, remaining, held on classroom PCs (none here), students waiting for a place.
  await expect(row.getByRole('cell')).toHaveText([code, '25', '0', '25', '0', '0', /.+/]);
  await expect(page.getByTestId('purchased').locator('tbody tr')).toHaveCount(2);
  await snap(page, '05-purchased');
  await page.getByRole('link', { name: 'Распечатать коды' }).click();
  await expect(page.getByTestId('print-cards').getByText(code)).toBeVisible();
  await snap(page, '06-print-codes');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await snap(page, '07-print-media', true);
  await page.emulateMedia({ media: 'screen' });
  // The class list: one line per code, with room to write whom it went to.
  await page.getByLabel('Список для класса: одна строка на код').check();
  const list = page.getByTestId('print-list');
  await expect(list.locator('tbody tr')).toHaveCount(2);
  await expect(list.getByRole('row').filter({ hasText: code })).toContainText('25');
  await snap(page, '07b-print-class-list');
  await page.getByLabel('Карточки с линией отреза').check();

  // 3: the region's schedule.
  await cabinet.go('График участия');
  await expect(page.getByTestId('window')).toContainText(/^с \d+ [а-я]+ \d{4} г\. по/);
  await snap(page, '08-schedule');

  // 6: a classroom computer gets a one-time code.
  await cabinet.go('Компьютеры класса');
  await page.getByRole('button', { name: 'Подключить компьютер' }).click();
  const enrollment = page.getByTestId('enrollment');
  await expect(enrollment.locator('.code')).toHaveText(/^[0-9A-Z]{4,}/);
  // This server listens on 127.0.0.1, which no other PC reaches: the panel says what to do instead.
  await expect(enrollment.getByRole('note')).toContainText(
    'Сообщите администратору сервера: «Перезапустите сервер с переменной окружения HOST=0.0.0.0',
  );
  await expect(enrollment.locator('.how')).toContainText(/адрес сервера/);
  await expect(enrollment).not.toContainText('127.0.0.1');
  await expect(page.getByTestId('devices')).toContainText('ПК');
  // «Ошибка»: a quiet dash while there is none, red only for an actual error.
  const RED = 'rgb(179, 38, 30)';
  const errorCell = page.getByTestId('devices').getByRole('row', { name: /ПК/ }).first().getByRole('cell').nth(2);
  await expect(errorCell).toHaveText('—');
  await expect(errorCell).not.toHaveCSS('color', RED);
  await snap(page, '09-devices');
  await central.ctx().db.updateTable('devices').set({ last_error: 'Сервер акции не отвечает' }).execute();
  await page.getByRole('button', { name: 'Обновить' }).click();
  await expect(errorCell).toHaveText('Сервер акции не отвечает');
  await expect(errorCell).toHaveCSS('color', RED);
  await snap(page, '09b-devices-error');
  await page.getByTestId('devices').getByRole('button', { name: 'Отключить' }).first().click();
  await expect(page.getByRole('button', { name: 'Да, отключить' })).toBeFocused();
  await snap(page, '10-devices-revoke-confirm');
  await page.getByRole('button', { name: 'Да, отключить' }).click();
  await expect(page.getByTestId('devices')).toContainText('Отключён');

  // 7 / 3.2: «Результаты» — the school's students, a PDF for the one who did every step.
  await cabinet.go('Результаты');
  const results = page.getByTestId('results');
  await expect(results.getByRole('row')).toHaveCount(4);
  await expect(results.getByRole('row', { name: /Ёлкин Пётр/ })).toContainText('7 из 12');
  await snap(page, '11-results');
  const pdf = await cabinet.download(page.getByRole('button', { name: 'Скачать результат: Соколова Алёна' }));
  expect(pdf.suggestedFilename()).toBe('Результат — Соколова Алёна.pdf');
  expect(
    readFileSync((await pdf.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  // 8 / 4.1: «Скачать сертификат соорганизатора» (the demo campaign's certificate date has come).
  await cabinet.go('Сертификат');
  const certificateFrom = demoSettings(localDay(new Date(), 'Europe/Moscow')).certificateFrom;
  await expect(page.getByText(`Сертификат соорганизатора доступен с ${formatDayRu(certificateFrom)}`)).toBeVisible();
  await expect(page.getByText(/После завершения акции/)).toHaveCount(0);
  const certificate = await cabinet.download(page.getByRole('button', { name: 'Скачать сертификат соорганизатора' }));
  expect(certificate.suggestedFilename()).toMatch(/^Сертификат MB-\d{4}-[0-9A-Z]{8}\.pdf$/);
  await snap(page, '12-certificate');

  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page.getByLabel('E-mail', { exact: true })).toBeVisible();
  expect(kioskCalls).toEqual([]);
  expect(missing).toEqual([]);
});

test('a price or date the organizer changed meanwhile: the refusal stays on screen, even when the cabinet cannot ask again', async ({
  page,
  central,
}) => {
  const ctx = central.ctx();
  const settings = async () => (await findActiveCampaign(ctx.db))!.settings;
  // The certificate is offered once a student has finished.
  const school = await ctx.db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
  await classTakesPart({ url: central.url, ctx }, school.id, central.code, [
    { surname: 'Белова', name: 'Вера', schoolClass: '10А', steps: 12 },
  ]);
  const cabinet = new CabinetPage(page);
  await cabinet.open(central.url);
  await cabinet.signIn(DEMO.coorganizer.email, DEMO.password);
  await expect(page.getByRole('heading', { name: 'Порядок участия в акции' })).toBeVisible();
  // Each section asks for the campaign when opened; the organizer's change comes after that answer.
  const overviewAnswered = () => page.waitForResponse((r) => r.url().endsWith('/api/cabinet/overview'));
  let answered = overviewAnswered();
  await cabinet.go('Получить тарифы для участников');
  await answered;
  await cabinet.count.fill('10');
  await expect(cabinet.cost).toHaveText('Итоговая стоимость: 1 000 ₽');

  // The organizer raises the price, and the cabinet's next look at the campaign fails.
  await updateActiveCampaign(ctx, { ...(await settings()), pricePerParticipantKopecks: 150_00 });
  await page.route('**/api/cabinet/overview', (route) => route.abort());
  const refreshFailed = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/api/cabinet/overview'));
  await page.getByRole('button', { name: 'Получить', exact: true }).click();
  await page.getByRole('button', { name: 'Да, получить' }).click();
  const priceChanged = page.getByRole('alert').filter({ hasText: 'Цена за участника изменилась' });
  await expect(priceChanged).toContainText('для 10 участников теперь 1 500 ₽');
  await refreshFailed;
  await expect(priceChanged).toBeVisible();
  await expect(cabinet.count).toHaveValue('10');
  await expect(page.getByRole('button', { name: 'Повторить' })).toHaveCount(0);
  // «Получить» again: a new confirmation, without the last attempt's refusal above it.
  await page.getByRole('button', { name: 'Получить', exact: true }).click();
  await expect(page.getByTestId('confirm')).toBeVisible();
  await expect(priceChanged).toHaveCount(0);
  await snap(page, '03c-tariff-price-changed-again');

  // «Сертификат»: the organizer moves the date after the section opened; the download's refusal
  // stays, though the cabinet cannot ask the server for the new date.
  await page.unroute('**/api/cabinet/overview');
  answered = overviewAnswered();
  await cabinet.go('Сертификат');
  await answered;
  const later = addDays(localDay(new Date(), 'Europe/Moscow'), 30);
  await updateActiveCampaign(ctx, { ...(await settings()), certificateFrom: later });
  await page.route('**/api/cabinet/overview', (route) => route.abort());
  const dateRefreshFailed = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/api/cabinet/overview'));
  await page.getByRole('button', { name: 'Скачать сертификат соорганизатора' }).click();
  const notYet = page.getByRole('alert').filter({ hasText: `можно будет скачать с ${formatDayRu(later)}` });
  await expect(notYet).toBeVisible();
  await dateRefreshFailed;
  await expect(notYet).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Сертификат' })).toBeVisible();
});

test("a teacher who opened the cabinet by the server's name gives classroom PCs that name, with no HOST warning", async ({
  central,
}) => {
  // The name resolves to this computer, as a school's DNS or a proxy in front of the server would.
  const port = new URL(central.url).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP moe.school.test 127.0.0.1'],
  });
  // The server under its name is this test's own server: its requests are recorded all the same.
  ownOrigin(`http://moe.school.test:${port}`);
  watchRequests(browser);
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const cabinet = new CabinetPage(page);
    await cabinet.open(`http://moe.school.test:${port}`);
    await cabinet.signIn(DEMO.coorganizer.email, DEMO.password);
    await cabinet.go('Компьютеры класса');
    await page.getByRole('button', { name: 'Подключить компьютер' }).click();
    const enrollment = page.getByTestId('enrollment');
    await expect(enrollment.locator('.how')).toContainText(`введите адрес сервера http://moe.school.test:${port},`);
    await expect(enrollment.getByRole('note')).toHaveCount(0);
    await expect(enrollment.locator('.others')).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

test('the browser tab shows the app icon, from the server and from a classroom PC', async ({
  page,
  central,
  classroom,
}) => {
  const kiosk = await classroom.bareKiosk();
  await expectIconServed(page, `${central.url}/#/cabinet`);
  await expectIconServed(kiosk.page, `${kiosk.host.url}/#/kiosk`);
});

async function expectIconServed(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toMatch(/\.svg$/);
  const icon = await page.request.get(new URL(href!, page.url()).href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
}
