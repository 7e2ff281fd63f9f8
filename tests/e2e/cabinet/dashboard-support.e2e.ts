/**
 * Technical support in the dashboard, signed in with its own role (it sees only its three
 * sections, not the campaign's settings, numbers or directory): the PCs with an alert (silent for two days with unsent
 * answers), a participant found by e-mail with their PCs and refused code, a new password for
 * them, and that action in «Журнал действий».
 */
import { uuidv7 } from '../../../core/ids.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { enroll, MutationMaker, PASSWORD } from '../../support/factories.ts';
import { createSupport } from '../../integration/accounts/helpers.ts';
import { expect, test } from '../support/fixtures.ts';
import { CabinetPage } from './cabinet.page.ts';
import { snap } from './screens.ts';

test.use({ viewport: { width: 1366, height: 768 } });

test('support sees the silent PC, finds a participant and gives them a new password', async ({ page, central }) => {
  const ctx = central.ctx();
  const school = await ctx.db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
  const pc = async (name: string) => {
    const e = await enroll(central.url, ctx, school.id, name);
    return { id: e.deviceId, client: new DeviceClient(central.url, e.credential, e.instanceId) };
  };
  const silent = await pc('Кабинет 14, ПК 7');
  const working = await pc('Кабинет 14, ПК 1');
  await silent.client.push(
    [],
    silent.client.health({ pending: 42, oldestPendingAt: Date.now() - 50 * 3_600_000, appVersion: '0.9.1' }),
  );
  // Its last contact two days ago, as a PC switched off with a class's answers inside would be.
  await ctx.db
    .updateTable('devices')
    .set({ last_seen_at: Date.now() - 48 * 3_600_000 })
    .where('id', '=', silent.id)
    .execute();
  const participant = uuidv7();
  const maker = new MutationMaker();
  await working.client.push(
    [maker.register(participant, 'vera.k@school.ru'), maker.activate(participant, 'ZZZZ9999')],
    working.client.health({ appVersion: '1.0.0' }),
  );

  await page.goto(`${central.url}/#/dashboard`);
  const dashboard = new CabinetPage(page);
  const support = await createSupport(ctx, 'support@demo.local');
  await dashboard.signIn(support.email, PASSWORD);
  await expect(dashboard.sections.getByRole('link')).toHaveText(['Компьютеры', 'Участники', 'Журнал действий']);
  await dashboard.go('Компьютеры');
  await expect(page.getByTestId('fleet-alerts')).toContainText('Молчат больше суток и держат неотправленные данные: 1');
  await page.getByLabel('С тревогой').check();
  const fleet = page.getByTestId('fleet');
  await expect(fleet.getByRole('row')).toHaveCount(2);
  await expect(fleet.getByRole('row', { name: /Кабинет 14, ПК 7/ })).toContainText('42');
  await expect(fleet.getByRole('row', { name: /Кабинет 14, ПК 7/ })).toContainText('2 дн');
  await expect(fleet.getByRole('row', { name: /Кабинет 14, ПК 7/ })).toContainText('молчит');
  await snap(page, '36-support-fleet-alerts', true);

  await dashboard.go('Участники');
  await page.getByLabel('E-mail или фамилия').fill('vera.k@school.ru');
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByTestId('participants').getByRole('link', { name: 'Иванова Мария' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Иванова Мария' })).toBeVisible();
  await expect(page.getByTestId('participant-card')).toContainText('Код не введён.');
  await expect(page.getByTestId('participant-devices')).toContainText('Кабинет 14, ПК 1');
  await expect(page.getByTestId('participant-held')).toContainText('отклонено');
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByTestId('new-password')).toHaveText(/^[a-z0-9]{8}$/);
  const password = (await page.getByTestId('new-password').textContent())!;
  await snap(page, '37-support-participant', true);
  expect((await working.client.lookup('vera.k@school.ru', password)).status).toBe(200);

  await dashboard.go('Журнал действий');
  await expect(page.getByTestId('audit').getByRole('row', { name: /Сменён пароль участника/ })).toContainText(
    support.email,
  );
  await snap(page, '38-support-audit');
});
