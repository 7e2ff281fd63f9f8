/**
 * A co-organizer's first password from a link: the organizer adds a co-organizer on a school's
 * page choosing «Ссылка для установки пароля», hands the link over; the co-organizer opens it,
 * sets a password of their own (the cabinet's rules: a mismatch and a short one are refused on
 * screen) and signs in with it. The link then works no more.
 */
import { DEMO } from '../../../sync-server/demo-seed.ts';
import { expect, test } from '../support/fixtures.ts';
import { CabinetPage } from './cabinet.page.ts';
import { snap } from './screens.ts';

test.use({ viewport: { width: 1366, height: 768 } });

test('an organizer adds a co-organizer with a link; the co-organizer sets a password and signs in', async ({
  page,
  browser,
  central,
}) => {
  await page.goto(`${central.url}/#/dashboard`);
  const dashboard = new CabinetPage(page);
  await dashboard.signIn(DEMO.organizer.email, DEMO.password);
  await dashboard.go('Образовательные организации');
  await page.getByTestId('schools').getByRole('link', { name: DEMO.school.name }).click();
  await page.locator('summary', { hasText: 'Добавить соорганизатора' }).click();
  await page.getByLabel('ФИО').fill('Лебедева Анна Сергеевна');
  await page.getByLabel('E-mail').fill('lebedeva@demo-school.ru');
  await page.getByLabel('Ссылка для установки пароля: соорганизатор придумает пароль сам').check();
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  const link = (await page.getByTestId('set-password-link').textContent())!;
  expect(link).toContain('/#/password/');
  await expect(page.getByTestId('first-password')).toContainText('действует один раз до');
  await snap(page, '39-dashboard-coorganizer-link', true);

  const teacher = await (await browser.newContext()).newPage();
  await teacher.goto(link);
  await expect(
    teacher.getByRole('heading', { name: 'Пароль для входа в личный кабинет соорганизатора' }),
  ).toBeVisible();
  await teacher.getByLabel('Пароль', { exact: true }).fill('korotko');
  await teacher.getByLabel('Повторите пароль').fill('korotko-2');
  await teacher.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(teacher.getByText('Пароль должен быть не короче 8 символов')).toBeVisible();
  await expect(teacher.getByText('Пароли не совпадают')).toBeVisible();
  await snap(teacher, '40-set-password-refused');
  await teacher.getByLabel('Пароль', { exact: true }).fill('anna-lebedeva-7');
  await teacher.getByLabel('Повторите пароль').fill('anna-lebedeva-7');
  await teacher.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(teacher.getByText('Пароль сохранён.')).toBeVisible();
  await snap(teacher, '41-set-password-saved');

  await teacher.getByRole('link', { name: 'Войти в личный кабинет' }).click();
  const cabinet = new CabinetPage(teacher);
  await cabinet.signIn('lebedeva@demo-school.ru', 'anna-lebedeva-7');
  await expect(teacher.getByText(DEMO.school.name).first()).toBeVisible();

  // The link was for once.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await again.getByLabel('Пароль', { exact: true }).fill('drugoi-parol-8');
  await again.getByLabel('Повторите пароль').fill('drugoi-parol-8');
  await again.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(again.getByText(/Ссылка для установки пароля не действует/)).toBeVisible();
});
