/**
 * The organizer's directory in the dashboard: schools and co-organizers imported from CSV, each
 * bad row shown with its line; a co-organizer added on a school's page gets a first password
 * that opens their cabinet.
 */
import { DEMO } from '../../../sync-server/demo-seed.ts';
import { expect, test } from '../support/fixtures.ts';
import { CabinetPage } from './cabinet.page.ts';
import { snap } from './screens.ts';

test.use({ viewport: { width: 1366, height: 768 } });

const csvFile = (name: string, lines: string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(lines.join('\r\n'), 'utf8'),
});

test('the organizer imports schools and co-organizers from CSV and sees each bad line', async ({
  page,
  browser,
  central,
}) => {
  await page.goto(`${central.url}/#/dashboard`);
  const dashboard = new CabinetPage(page);
  await dashboard.signIn(DEMO.organizer.email, DEMO.password);
  await dashboard.go('Образовательные организации');

  await page.locator('summary', { hasText: 'Импорт из CSV' }).click();
  await page.getByLabel('Образовательные организации', { exact: true }).check();
  await page
    .getByLabel('Файл CSV')
    .setInputFiles(
      csvFile('schools.csv', [
        'Код региона;Населенный пункт;Название',
        '54;Новосибирск;Гимназия № 1',
        '99;Нигде;Школа № 0',
        '54;Бердск;Лицей № 6',
      ]),
    );
  await page.getByRole('button', { name: 'Загрузить' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Загружено: 2, уже были: 0, с ошибками: 1.');
  await expect(report.getByRole('listitem')).toHaveText([
    'Строка 3: нет региона с кодом «99» (нужен двузначный код, например 77)',
  ]);
  await expect(page.getByTestId('schools').getByRole('link', { name: 'Гимназия № 1' })).toBeVisible();
  await snap(page, '33-dashboard-import-schools', true);

  await page.getByLabel('Соорганизаторы', { exact: true }).check();
  await page
    .getByLabel('Файл CSV')
    .setInputFiles(
      csvFile('coorganizers.csv', [
        'e-mail;ФИО;регион;населенный пункт;школа;пароль',
        'berdsk@licey6.ru;Орлова Наталья Викторовна;54;Бердск;Лицей № 6;',
        'no-at-sign;Сидоров Иван;54;Бердск;Лицей № 6;',
      ]),
    );
  await page.getByRole('button', { name: 'Загрузить' }).click();
  await expect(report).toContainText('Загружено: 1, уже были: 0, с ошибками: 1.');
  await expect(report.getByRole('listitem')).toHaveText(['Строка 3: неверный e-mail «no-at-sign»']);
  const password = (await report
    .getByRole('row', { name: /berdsk@licey6\.ru/ })
    .getByRole('cell')
    .nth(2)
    .textContent())!;
  await snap(page, '34-dashboard-import-coorganizers', true);

  // The imported co-organizer signs in with the password shown once.
  const teacher = new CabinetPage(await (await browser.newContext()).newPage());
  await teacher.open(central.url);
  await teacher.signIn('berdsk@licey6.ru', password);
  await expect(teacher.page.getByText('Лицей № 6').first()).toBeVisible();

  // On a school's page: a co-organizer added by hand, with a first password.
  await page.getByTestId('schools').getByRole('link', { name: 'Гимназия № 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Гимназия № 1' })).toBeVisible();
  await page.locator('summary', { hasText: 'Добавить соорганизатора' }).click();
  await page.getByLabel('ФИО').fill('Ким Елена Олеговна');
  await page.getByLabel('E-mail').fill('kim@gimn1.ru');
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(page.getByTestId('first-password')).toContainText('Соорганизатор добавлен: kim@gimn1.ru.');
  await expect(page.getByTestId('school-coorganizers')).toContainText('Ким Елена Олеговна');
  await snap(page, '35-dashboard-school-coorganizer-added', true);
});
