/**
 * Issue 13, journey 5: the school's internet is down, and one pupil registers on PC 1, then again
 * (same name, class and e-mail) on PC 2, and does steps on both. When the link returns, the
 * co-organizer finds both registrations side by side in «Повторные регистрации», keeps the first
 * and presses «Объединить»; the pupil signs in at either PC and goes on with every step of both.
 */
import { mkdirSync } from 'node:fs';
import { DEMO } from '../../../sync-server/demo-seed.ts';
import type { Kiosk } from '../pages/kiosk.ts';
import { expect, test } from '../support/fixtures.ts';
import { aStudent } from '../support/students.ts';
import { CabinetPage } from './cabinet.page.ts';

const SHOTS = process.env.PW_SHOTS ?? '/tmp/pw-shots';
mkdirSync(SHOTS, { recursive: true });

test.use({ viewport: { width: 1366, height: 768 } });
// Two kiosks, a server restart and a whole merge: more than the default two minutes on a busy machine.
test.setTimeout(300_000);

const pupil = aStudent({ surname: 'Соколова', name: 'Алёна', schoolClass: '9А' });

test('two registrations of one pupil are merged in the cabinet, and the pupil goes on with all answers', async ({
  classroom,
  central,
}) => {
  const first = await classroom.kiosk('Кабинет 12, ПК 1');
  const second = await classroom.kiosk('Кабинет 12, ПК 2');
  await first.allSent();
  await second.allSent();

  await central.stop();
  await first.register(pupil);
  await first.home.takePart(central.code);
  await first.home.beginSteps();
  await first.steps.completeStep();
  await first.status.logout();
  // Next lesson, at PC 2: PC 1's registration never reached it, so she registers again.
  await second.register(pupil);
  await second.home.takePart(central.code);
  await second.home.beginSteps();
  await second.steps.completeStep();
  await second.steps.completeStep();
  await expect(second.steps.progress).toContainText('Шаг 3 из 12');
  await second.status.logout();

  await central.start();
  await first.allSent(45_000);
  await second.allSent(45_000);

  const teacher = new CabinetPage(await first.page.context().newPage());
  await teacher.page.setViewportSize({ width: 1366, height: 768 });
  await teacher.open(central.url);
  await teacher.signIn(DEMO.coorganizer.email, DEMO.password);
  await teacher.go('Повторные регистрации');
  const group = teacher.page.getByTestId('duplicate-group');
  await expect(group).toHaveCount(1);
  await expect(group.getByRole('columnheader')).toHaveText(['Сведения', 'Регистрация 1', 'Регистрация 2']);
  const row = (label: string) =>
    group.getByRole('row').filter({ has: teacher.page.getByRole('rowheader', { name: label }) });
  // Whichever PC reached the server first holds the registration it accepted: it comes first, kept.
  const cells = async (label: string) => (await row(label).getByRole('cell').allTextContents()).map((t) => t.trim());
  await expect.poll(async () => (await cells('Компьютер')).sort()).toEqual(['Кабинет 12, ПК 1', 'Кабинет 12, ПК 2']);
  expect(await cells('E-mail')).toEqual([pupil.email, pupil.email]);
  const pcs = await cells('Компьютер');
  const steps = await cells('Выполнено шагов');
  expect(steps).toEqual(pcs.map((pc) => (pc.endsWith('ПК 1') ? '1 из 12' : '2 из 12')));
  const accepted = await cells('На сервере');
  expect(accepted[0]).toBe('принята');
  expect(accepted[1]).toContain('e-mail уже занят');
  // Nothing needs scrolling sideways at 1366×768.
  expect(await teacher.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  await teacher.page.screenshot({ path: `${SHOTS}/merge-side-by-side.png`, fullPage: true });

  await group.getByRole('button', { name: 'Объединить' }).click();
  const dialog = teacher.page.getByTestId('merge-dialog');
  await expect(dialog).toContainText('Регистрации учащегося (Соколова Алёна) станут одной');
  await expect(dialog.getByRole('button', { name: 'Отмена' })).toBeFocused();
  await teacher.page.screenshot({ path: `${SHOTS}/merge-confirm.png` });
  await dialog.getByRole('button', { name: 'Да, объединить' }).click();
  await expect(teacher.page.getByRole('status')).toContainText(
    'Регистрации объединены: Соколова Алёна. Выполнено шагов: 2 из 12.',
  );
  await expect(group).toHaveCount(0);
  await expect(teacher.page.getByText('Повторных регистраций нет.')).toBeVisible();
  await teacher.page.screenshot({ path: `${SHOTS}/merge-done.png` });

  // At PC 1, which held only the kept registration with one step, she finds both once it pulled.
  await signedInAt(first, 'Продолжить с шага 3');
  await first.home.continue();
  await expect(first.steps.progress).toContainText('Шаг 3 из 12');
  await first.steps.completeStep();
  await first.allSent();
  await first.status.logout();
  // At PC 2, whose registration was retired, she signs in to the kept one and goes on from step 4.
  await signedInAt(second, 'Продолжить с шага 4');
  await second.home.continue();
  await expect(second.steps.progress).toContainText('Шаг 4 из 12');
});

/** Signs the pupil in until the home offers `next` (the PC pulls the merge with its next sync). */
async function signedInAt(pc: Kiosk, next: string): Promise<void> {
  await expect(async () => {
    await pc.signIn(pupil);
    try {
      await expect(pc.page.getByRole('button', { name: next })).toBeVisible({ timeout: 2_000 });
    } catch (error) {
      await pc.status.logout();
      throw error;
    }
  }).toPass({ timeout: 45_000 });
}
