/**
 * Scenario 3 (instruction, 6th step: «продолжить участие с того шага, на котором приостановил»):
 * a pupil stops at step 5 on one classroom PC and signs in on another PC of the same school the
 * next day; the steps open at step 5 with the answer given there.
 */
import { expect, test } from './support/fixtures.ts';
import { aStudent } from './support/students.ts';

test('a pupil stops at step 5 and resumes there on another kiosk of the school', async ({ classroom, central }) => {
  const student = aStudent();
  const first = await classroom.kiosk('Кабинет 12, ПК 1');
  const second = await classroom.kiosk('Кабинет 14, ПК 7');

  await first.register(student);
  expect(await first.home.takePart(central.code)).toBe('confirmed');
  await first.home.beginSteps();
  await first.steps.completeStepsBefore(5);
  await first.page.getByRole('button', { name: 'Начать шаг' }).click();
  await first.page.getByRole('textbox').fill('Ветеринар');
  await expect(first.steps.saved).toHaveAttribute('data-save', 'saved');
  await first.allSent();
  await first.status.logout();
  await expect(first.startScreen).toBeVisible();

  // The other PC: «Войти», and the home offers to go on from step 5.
  await second.signIn(student);
  await expect(second.page.getByRole('button', { name: 'Продолжить с шага 5' })).toBeVisible();
  // The other PC receives the answer with its next sync; until then step 5 opens at its start.
  await expect(async () => {
    await second.home.continue();
    await expect(second.steps.progress).toContainText('Шаг 5 из 12');
    if ((await second.steps.view()) === 'intro') {
      await second.page.getByRole('button', { name: 'На главную' }).click();
      throw new Error('the answer of step 5 has not reached this kiosk yet');
    }
  }).toPass({ timeout: 30_000 });
  await expect(second.page.getByRole('textbox')).toHaveValue('Ветеринар');
  await expect(second.steps.saved).toHaveAttribute('data-save', 'saved');

  // And the pupil finishes there.
  await second.steps.completeAll();
  await second.allSent();
});
