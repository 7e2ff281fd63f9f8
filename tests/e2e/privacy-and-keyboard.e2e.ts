/**
 * A shared classroom PC: a pupil who walks away is signed out, and afterwards nothing of them is
 * on the screen or in the browser's storage. And the whole way works from the keyboard alone.
 */
import { expect, test } from './support/fixtures.ts';
import { snap } from './support/screens.ts';
import { aStudent } from './support/students.ts';

test('a pupil who walks away is signed out, and nothing of them remains', async ({ classroom, central }) => {
  const student = aStudent();
  const kiosk = await classroom.kiosk();
  await kiosk.page.clock.install();
  await kiosk.page.reload();
  await kiosk.register(student);
  expect(await kiosk.home.takePart(central.code)).toBe('confirmed');
  await kiosk.home.beginSteps();
  await kiosk.steps.completeStep();

  // Ten minutes without a touch (the kiosk's setting): first a warning, then the sign-out.
  await kiosk.page.clock.fastForward('09:35');
  const warning = kiosk.page.getByRole('dialog', { name: 'Вы ещё здесь?' });
  await expect(warning).toBeVisible();
  await snap(kiosk.page, '40-idle-warning');
  await kiosk.page.clock.fastForward(31_000);
  await expect(kiosk.startScreen).toBeVisible();

  for (const trace of [student.surname, student.name, student.email]) {
    await expect(kiosk.page.getByText(trace)).toHaveCount(0);
  }
  const storage = await kiosk.page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }));
  expect(storage).toEqual({ local: 0, session: 0, databases: 0 });

  // The next pupil signs in to their own data only; the previous one is back where they left off.
  await kiosk.signIn(student);
  await expect(kiosk.page.getByRole('button', { name: 'Продолжить с шага 2' })).toBeVisible();
});

test('registration, the code and an answer work from the keyboard alone', async ({ classroom, central }) => {
  const student = aStudent();
  const kiosk = await classroom.kiosk();
  const { keyboard } = kiosk.page;
  const type = async (text: string) => {
    await keyboard.type(text);
    await keyboard.press('Tab');
  };

  await kiosk.page.getByRole('button', { name: 'Зарегистрироваться' }).focus();
  await keyboard.press('Enter');
  await expect(kiosk.registration.field('Фамилия')).toBeFocused();
  await type(student.surname);
  await type(student.name);
  // The region list is the browser's own (keyboard-ready) select; Playwright cannot type Cyrillic into it.
  const region = kiosk.registration.field('Регион');
  await expect(region).toBeFocused();
  if ((await region.inputValue()) === '') await region.selectOption({ label: student.region });
  await keyboard.press('Tab');
  if ((await kiosk.registration.field('Населенный пункт').inputValue()) === '') await keyboard.type(student.locality);
  await keyboard.press('Tab');
  if ((await kiosk.registration.field('Название образовательной организации').inputValue()) === '') {
    await keyboard.type(student.schoolName);
  }
  await keyboard.press('Tab');
  await type(student.schoolClass);
  // Gender: arrows move within the group.
  await keyboard.press('ArrowRight');
  await expect(kiosk.page.getByRole('radio', { name: 'Мужской' })).toBeChecked();
  await keyboard.press('Tab');
  await type(student.email);
  await type(student.password);
  await type(student.password);
  // The consent's text (a focusable scroll box), then the privacy notice's button, then «Назад» and «Регистрация».
  await expect(kiosk.page.getByRole('region', { name: 'Согласие на обработку персональных данных' })).toBeFocused();
  await keyboard.press('Tab');
  await keyboard.press('Tab');
  await keyboard.press('Tab');
  await expect(kiosk.page.getByRole('button', { name: 'Регистрация', exact: true })).toBeFocused();
  await keyboard.press('Enter');
  await expect(kiosk.home.greeting(student.name)).toBeVisible();

  await kiosk.home.takePartButton.focus();
  await keyboard.press('Enter');
  await expect(kiosk.home.dialog.getByLabel('Код', { exact: true })).toBeFocused();
  await keyboard.type(central.code.toLowerCase());
  await keyboard.press('Enter');
  await expect(kiosk.home.dialog.locator('[data-activation]')).toBeVisible();
  await kiosk.home.dialog.getByRole('button', { name: 'Начать задания' }).focus();
  await keyboard.press('Enter');

  await kiosk.page.getByRole('button', { name: 'Начать шаг' }).focus();
  await keyboard.press('Enter');
  await kiosk.page.getByRole('button', { name: 'Далее' }).focus(); // the info page
  await keyboard.press('Enter');
  await keyboard.press('Tab');
  await keyboard.press('ArrowDown');
  await expect(kiosk.page.getByRole('radio').nth(1)).toBeChecked();
  await expect(kiosk.steps.saved).toHaveAttribute('data-save', 'saved');
  await snap(kiosk.page, '41-keyboard-answer');
  await keyboard.press('Enter');
  await expect(kiosk.steps.progress).toContainText('Шаг 2 из 12');
});
