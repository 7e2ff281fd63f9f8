/**
 * Scenario 5: the classroom PC loses power in the middle of an answer (the kiosk host is killed
 * with SIGKILL) and starts again. Everything the screen called «Сохранено» is still there.
 */
import { expect, test } from './support/fixtures.ts';
import { snap } from './support/screens.ts';
import { ALL_STEPS, serverRecordOf } from './support/server-records.ts';
import { aStudent } from './support/students.ts';

test('the kiosk host is killed mid-answer and restarted: nothing shown as saved is lost', async ({
  classroom,
  central,
}) => {
  const student = aStudent();
  const kiosk = await classroom.kiosk();
  await kiosk.register(student);
  expect(await kiosk.home.takePart(central.code)).toBe('confirmed');
  await kiosk.home.beginSteps();
  await kiosk.steps.completeStepsBefore(5);
  await kiosk.page.getByRole('button', { name: 'Начать шаг' }).click();
  const note = kiosk.page.getByRole('textbox');
  await note.fill('Ветеринар');
  await expect(kiosk.steps.saved).toHaveAttribute('data-save', 'saved');

  // The pupil types on; the power goes before the pause in typing that would save it.
  await note.pressSequentially(' и кинолог');
  await kiosk.host.kill();
  await expect(kiosk.status.connection).toHaveText('Программа киоска не отвечает', { timeout: 15_000 });
  await expect(kiosk.steps.saved).toHaveAttribute('data-save', 'failed', { timeout: 15_000 });
  await snap(kiosk.page, '30-host-down');

  // The PC starts again: the pupil signs in and finds steps 1–4 done and step 5's saved answer.
  await kiosk.host.start();
  await expect(kiosk.startScreen).toBeVisible({ timeout: 20_000 });
  await expect(kiosk.page.getByRole('main').getByRole('alert')).toContainText('Войдите');
  await snap(kiosk.page, '31-signed-out-after-restart');
  await kiosk.signIn(student);
  await expect(kiosk.page.getByRole('button', { name: 'Продолжить с шага 5' })).toBeVisible();
  await kiosk.home.continue();
  await expect(kiosk.steps.progress).toContainText('Шаг 5 из 12');
  await expect(note).toHaveValue(/^Ветеринар/);
  await expect(kiosk.steps.saved).toHaveAttribute('data-save', 'saved');

  await kiosk.steps.completeAll();
  await kiosk.allSent();
  const record = await serverRecordOf(central, student.email);
  expect(record.completedSteps).toEqual(ALL_STEPS);
  expect(record.repeatedCompletions).toBe(0);
});
