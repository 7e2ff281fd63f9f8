/**
 * The organizer's dashboard: signs in, moves the co-organizer certificate date to the future and
 * saves; in a cabinet that was already open, «Скачать сертификат соорганизатора» is then disabled
 * with that date.
 * The schools list and «Акция в цифрах» show the demo school and its participants.
 */
import { addDays, formatDayNumericRu, formatDayRu, localDay } from '../../../core/calendar.ts';
import { REGIONS } from '../../../core/data/regions.ts';
import { DEMO, demoSettings } from '../../../sync-server/demo-seed.ts';
import { classTakesPart } from '../../integration/results/helpers.ts';
import { expect, test } from '../support/fixtures.ts';
import { CabinetPage } from './cabinet.page.ts';
import { snap } from './screens.ts';

// An organizer whose browser speaks English: the dashboard's dates stay ДД.ММ.ГГГГ all the same.
test.use({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });

test('the organizer edits the campaign and sees schools and the campaign in numbers; the cabinet follows', async ({
  page,
  browser,
  central,
}) => {
  const school = await central.ctx().db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
  await classTakesPart({ url: central.url, ctx: central.ctx() }, school.id, central.code, [
    { surname: 'Кузнецова', name: 'Вера', schoolClass: '7А', steps: 12 },
    { surname: 'Петров', name: 'Олег', schoolClass: '7А', steps: 3 },
  ]);

  // The co-organizer's cabinet is already open when the organizer changes the date.
  const coorganizer = new CabinetPage(
    await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage(),
  );
  await coorganizer.open(central.url);
  await coorganizer.signIn(DEMO.coorganizer.email, DEMO.password);
  await expect(coorganizer.page.getByText(/^Сертификат соорганизатора доступен с/)).toBeVisible();

  await page.goto(`${central.url}/#/dashboard`);
  await expect(page.getByRole('heading', { name: 'Панель организатора' })).toBeVisible();
  await snap(page, '20-dashboard-sign-in');
  const dashboard = new CabinetPage(page);
  await dashboard.signIn(DEMO.organizer.email, DEMO.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Настройки акции' })).toBeVisible();
  await expect(page.getByLabel('Цена за одного участника, ₽')).toHaveValue('100');
  const today = localDay(new Date(), 'Europe/Moscow');
  const certificateDate = page.getByLabel('Сертификат соорганизатора доступен с');
  await expect(certificateDate).toHaveValue(formatDayNumericRu(demoSettings(today).certificateFrom));
  await expect(page.getByText(formatDayRu(demoSettings(today).certificateFrom)).first()).toBeVisible();
  const firstWindowFrom = page.getByRole('group', { name: 'Периоды участия регионов' }).getByRole('textbox').first();
  const windowFrom = formatDayNumericRu(demoSettings(today).regionWindows[0]!.from);
  await expect(firstWindowFrom).toHaveValue(windowFrom);
  // The page ends with its content (the form, then the consent's published versions): no empty
  // screens to scroll through below them.
  const below = await page.evaluate(
    () =>
      document.documentElement.scrollHeight -
      (document.querySelector('main')!.lastElementChild!.getBoundingClientRect().bottom + scrollY),
  );
  expect(below).toBeLessThan(200);
  await snap(page, '21-dashboard-campaign');

  const later = addDays(today, 40);
  await certificateDate.fill('12/16/2026');
  await firstWindowFrom.fill('11/23/2026');
  await page.getByLabel('Цена за одного участника, ₽').fill('abc');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Введите дату в виде ДД.ММ.ГГГГ, например 16.12.2020')).toBeVisible();
  await certificateDate.fill('31.02.2027');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Такой даты нет в календаре')).toBeVisible();
  await expect(page.getByText('Укажите цену в рублях, например 150 или 149,50')).toBeVisible();
  await expect(page.getByText(/^Проверьте даты периода \(ДД\.ММ\.ГГГГ, например 16\.11\.2020\): /)).toBeVisible();
  await snap(page, '21b-dashboard-campaign-errors');
  await firstWindowFrom.fill(windowFrom);
  await certificateDate.fill(formatDayNumericRu(later));
  await expect(page.getByText(formatDayRu(later))).toBeVisible();
  await page.getByLabel('Цена за одного участника, ₽').fill('149,50');

  // A period that ends before it starts: named above the periods with its region, its «По» red;
  // a row just added, with no region yet, is not (it is not saved at all).
  const periods = page.getByRole('group', { name: 'Периоды участия регионов' });
  const first = demoSettings(today).regionWindows[0]!;
  const firstWindowTo = periods.getByRole('textbox').nth(1);
  await firstWindowTo.fill(formatDayNumericRu(addDays(first.from, -1)));
  await page.getByRole('button', { name: 'Добавить регион' }).click();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  const regionName = REGIONS.find((r) => r.code === first.region)!.name;
  const endsEarly = periods.getByText(`Период заканчивается раньше, чем начинается: ${regionName}`);
  await expect(endsEarly).toBeVisible();
  await expect(page.getByText('Проверьте поля, отмеченные красным.')).toBeVisible();
  await expect(firstWindowTo).toHaveAttribute('aria-invalid', 'true');
  await expect(firstWindowTo).toHaveAccessibleDescription(`Период заканчивается раньше, чем начинается: ${regionName}`);
  await expect(firstWindowTo).toBeFocused();
  await expect(periods.locator('[aria-invalid="true"]')).toHaveCount(1);
  await snap(page, '21c-dashboard-period-ends-early');
  // Editing the period takes its error away, as with the campaign's own dates.
  await firstWindowTo.fill(formatDayNumericRu(first.to));
  await expect(endsEarly).toBeHidden();
  await expect(page.getByText('Проверьте поля, отмеченные красным.')).toBeHidden();
  await expect(periods.locator('[aria-invalid="true"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Настройки сохранены.')).toBeVisible();
  await snap(page, '22-dashboard-campaign-saved');

  await dashboard.go('Образовательные организации');
  await expect(
    page.getByTestId('schools').getByRole('row', { name: new RegExp(DEMO.school.name.replace(/[()]/g, '.')) }),
  ).toContainText('30');
  await snap(page, '23-dashboard-schools');
  await dashboard.go('Акция в цифрах');
  const moscow = page
    .getByTestId('overview-table')
    .getByRole('row', { name: /^Москва/ })
    .locator('th, td');
  // Registered, activated, and (after the twelve steps' columns) finished.
  await expect(moscow.nth(6)).toHaveText('2');
  await expect(moscow.nth(7)).toHaveText('2');
  await expect(moscow.nth(20)).toHaveText('1');
  await snap(page, '24-dashboard-overview');

  // The co-organizer opens «Сертификат» and sees the button disabled, with the new date.
  await coorganizer.go('Сертификат');
  await expect(coorganizer.page.getByRole('button', { name: 'Скачать сертификат соорганизатора' })).toBeDisabled();
  await expect(
    coorganizer.page.getByText(`Сертификат соорганизатора можно будет скачать с ${formatDayRu(later)}`),
  ).toBeVisible();
  await snap(coorganizer.page, '13-certificate-not-yet');
  await coorganizer.go('Получить тарифы для участников');
  await coorganizer.count.fill('3');
  await expect(coorganizer.cost).toHaveText('Итоговая стоимость: 448,50 ₽');
});
