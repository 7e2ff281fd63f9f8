/**
 * Scenario 4 (instruction 1.3: «Код активирует ограниченное количество аккаунтов»): two classroom
 * PCs are offline and their pupils enter the same one-place code. The PC holding the server's
 * reserve activates at once; the other one's pupil is told the activation waits for the server
 * and may start. When the link is back the server never goes over the code's capacity; the
 * waiting pupil is told in Russian that the code is full and what happens next, goes on with the
 * steps, and is seated by itself once the co-organizer gets one more place (point 1.4).
 */
import { DEMO } from '../../sync-server/demo-seed.ts';
import { CabinetPage } from './cabinet/cabinet.page.ts';
import { expect, test } from './support/fixtures.ts';
import { snap } from './support/screens.ts';
import { activationsOfCode, leasedSlots, serverRecordOf } from './support/server-records.ts';
import { aStudent } from './support/students.ts';

test('two offline kiosks share a one-place code: no over-activation, the waiting pupil is told', async ({
  classroom,
  central,
}) => {
  const code = await central.newCode(1);
  // The first PC connects first and takes the code's only place in reserve.
  const first = await classroom.kiosk('Кабинет 12, ПК 1');
  await first.allSent();
  // The lease request follows the first pull; wait for it rather than race the second PC.
  await expect.poll(() => leasedSlots(central, code), { timeout: 20_000 }).toBe(1);
  const second = await classroom.kiosk('Кабинет 12, ПК 2');
  await second.allSent();
  const anna = aStudent();
  const ivan = aStudent();
  await first.register(anna);
  await second.register(ivan);
  await first.allSent();
  await second.allSent();

  await central.stop();
  expect(await first.home.takePart(code)).toBe('leased');
  await snap(first.page, '20-code-leased-offline');
  expect(await second.home.takePart(code)).toBe('pending');
  await expect(second.home.dialog).toContainText('ждёт подтверждения сервера');
  await snap(second.page, '21-code-pending-offline');
  // Waiting for the server does not stop the pupil from starting.
  await second.home.beginSteps();
  await second.steps.completeStep();
  await expect(second.steps.progress).toContainText('Шаг 2 из 12');

  await central.start();
  await first.allSent(45_000);
  await second.allSent(45_000);

  // The status bar can say «Всё отправлено» a moment before the server has it: the server decides.
  await expect
    .poll(async () => (await serverRecordOf(central, anna.email)).activations, { timeout: 30_000 })
    .toEqual([{ code, status: 'confirmed' }]);
  const used = await activationsOfCode(central, code);
  expect(used.confirmed ?? 0).toBeLessThanOrEqual(1);
  expect((await serverRecordOf(central, ivan.email)).activations.filter((a) => a.status === 'confirmed')).toEqual([]);

  // The waiting pupil learns why, in Russian, with what happens next.
  await expect(
    second.page.getByText('По этому коду уже зарегистрировано максимальное число участников').first(),
  ).toBeVisible({ timeout: 20_000 });
  await expect(second.home.activation).toHaveAttribute('data-activation', 'refused');
  await expect(second.home.activation).toContainText('Места по этому коду закончились.');
  await snap(second.page, '22-code-refused-after-sync');
  // The step already done is kept, the pupil goes on, and may type another code if given one.
  await expect(second.home.lead).toContainText('Выполнено 1 задание из 12');
  await expect(second.page.getByRole('button', { name: 'Продолжить с шага 2' })).toBeVisible();
  await expect(second.page.getByRole('button', { name: 'Ввести другой код' })).toBeVisible();
  await expect(first.home.activation).toHaveAttribute('data-activation', 'confirmed', { timeout: 20_000 });

  // Point 1.4: the co-organizer sees the pupil without a place under «Приобретенные тарифы», gets
  // one more place from there, and the pupil is confirmed without typing a code.
  const teacher = new CabinetPage(await second.page.context().newPage());
  await teacher.open(central.url);
  await teacher.signIn(DEMO.coorganizer.email, DEMO.password);
  await teacher.go('Приобретенные тарифы');
  const unplaced = teacher.page.getByTestId('unplaced');
  await expect(unplaced).toContainText(`${ivan.surname} ${ivan.name}`);
  await expect(unplaced).toContainText('Места по коду закончились');
  await snap(teacher.page, '24-cabinet-student-without-place');
  await unplaced.getByRole('link', { name: 'Получить тарифы для участников' }).click();
  await teacher.count.fill('1');
  await teacher.page.getByRole('button', { name: 'Получить', exact: true }).click();
  await teacher.page.getByRole('button', { name: 'Да, получить' }).click();
  await expect(teacher.page.getByTestId('obtained')).toBeVisible();
  await teacher.go('Приобретенные тарифы');
  await expect(teacher.page.getByTestId('unplaced')).toHaveCount(0);
  await expect(second.home.activation).toHaveAttribute('data-activation', 'confirmed', { timeout: 30_000 });
  await snap(second.page, '23-code-seated-by-new-tariff');
});
