/**
 * A student forgot their password: in «Результаты» the co-organizer presses «Сменить пароль» in
 * the student's row, confirms in a box that names the student, and sees the new password, large,
 * once, with a note to write it down. All by keyboard, as a teacher without a mouse would.
 */
import { mkdirSync } from 'node:fs';
import { verifyPassword } from '../../../core/node/password.ts';
import { DEMO } from '../../../sync-server/demo-seed.ts';
import { classTakesPart } from '../../integration/results/helpers.ts';
import { PASSWORD } from '../../support/factories.ts';
import { expect, test } from '../support/fixtures.ts';
import { CabinetPage } from './cabinet.page.ts';

const SHOTS = process.env.PW_SHOTS ?? '/tmp/pw-shots';
mkdirSync(SHOTS, { recursive: true });

test.use({ viewport: { width: 1366, height: 768 } });

test('«Сменить пароль»: a confirmation naming the student, then the new password shown once', async ({
  page,
  central,
}) => {
  const ctx = central.ctx();
  const school = await ctx.db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
  const [alena] = await classTakesPart({ url: central.url, ctx }, school.id, central.code, [
    { surname: 'Соколова', name: 'Алёна', schoolClass: '9А', steps: 3 },
    { surname: 'Ёлкин', name: 'Пётр', schoolClass: '9А', steps: 0 },
  ]);
  const hash = async () =>
    (
      await ctx.db
        .selectFrom('participants')
        .select('password_hash')
        .where('id', '=', alena!.id)
        .executeTakeFirstOrThrow()
    ).password_hash;
  const cabinet = new CabinetPage(page);
  await cabinet.open(central.url);
  await cabinet.signIn(DEMO.coorganizer.email, DEMO.password);
  await cabinet.go('Результаты');

  await page.screenshot({ path: `${SHOTS}/student-password-results.png` });
  const button = cabinet.changePassword('Соколова Алёна');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(cabinet.dialog).toContainText('Участник Соколова Алёна получит новый пароль');
  // «Отмена» has the focus: Enter pressed twice changes nothing.
  await expect(page.getByRole('button', { name: 'Отмена' })).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/student-password-confirm.png` });
  await page.keyboard.press('Escape');
  await expect(cabinet.dialog).toHaveCount(0);
  expect(await verifyPassword(PASSWORD, await hash())).toBe(true);

  await button.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Да, сменить пароль' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cabinet.dialog.getByRole('heading')).toHaveText('Новый пароль: Соколова Алёна');
  const shown = cabinet.dialog.getByTestId('new-password');
  await expect(shown).toHaveText(/^[a-z2-9]{8}$/);
  await expect(shown).toBeFocused();
  await expect(cabinet.dialog).toContainText('Запишите пароль и передайте его учащемуся');
  await page.screenshot({ path: `${SHOTS}/student-password-shown.png` });
  const password = (await shown.textContent())!;
  expect(await verifyPassword(password, await hash())).toBe(true);
  expect(await verifyPassword(PASSWORD, await hash())).toBe(false);

  // Shown once: «Готово» closes it, and opening the row's action again asks again from the start.
  await cabinet.dialog.getByRole('button', { name: 'Готово' }).click();
  await expect(cabinet.dialog).toHaveCount(0);
  await expect(page.getByText(password)).toHaveCount(0);
  await button.click();
  await expect(cabinet.dialog).toContainText('Сменить пароль учащегося?');
  await expect(cabinet.dialog).not.toContainText(password);
});
