/**
 * Scenario 1 (instruction, part 2): a pupil registers on a classroom PC, enters the code from the
 * co-organizer, completes the 12 steps, sees the result and downloads the result PDF and the
 * participant certificate. Every screen is photographed at 1280×720 and 1920×1080 on the way.
 */
import { expect, test } from './support/fixtures.ts';
import { DOCUMENT_DIR, snap } from './support/screens.ts';
import { ALL_STEPS, serverRecordOf } from './support/server-records.ts';
import { aStudent } from './support/students.ts';

test('a pupil registers, enters the code, completes the 12 steps and sees the result', async ({
  classroom,
  central,
}) => {
  const student = aStudent();

  // First start: the teacher connects the PC with the server address and the enrollment code.
  const kiosk = await classroom.bareKiosk();
  await expect(kiosk.firstStart.heading).toBeVisible();
  await snap(kiosk.page, '01-first-start');
  await kiosk.page.getByRole('button', { name: 'Подключить' }).click();
  await expect(kiosk.page.getByText('Введите код подключения')).toBeVisible();
  await snap(kiosk.page, '02-first-start-errors');
  await kiosk.firstStart.connect(central.url, await central.enrollmentCode(), 'Кабинет 12, ПК 1');
  await expect(kiosk.startScreen).toBeVisible();
  await snap(kiosk.page, '03-start');

  // «Зарегистрироваться»: the school's region, locality and name come filled in when the kiosk knows them.
  await kiosk.chooseRegister();
  const school = await kiosk.school();
  if (school) {
    await expect(kiosk.registration.field('Населенный пункт')).toHaveValue(school.locality);
    await expect(kiosk.registration.field('Название образовательной организации')).toHaveValue(school.name);
  }
  await snap(kiosk.page, '04-registration');
  await kiosk.registration.submit();
  await expect(kiosk.page.getByText('Укажите фамилию')).toBeVisible();
  await expect(kiosk.registration.field('Фамилия')).toBeFocused();
  await snap(kiosk.page, '05-registration-errors');
  await kiosk.registration.fill(student);
  // The consent is shown whole on the form; pressing «Регистрация» gives it.
  await expect(kiosk.page.getByText(/Нажимая кнопку «Регистрация», Вы даёте согласие/)).toBeVisible();
  await snap(kiosk.page, '06-registration-filled');
  await kiosk.registration.submit();
  await expect(kiosk.home.greeting(student.name)).toBeVisible();
  await expect(kiosk.status.participant).toHaveText(`${student.name} ${student.surname}`);
  await snap(kiosk.page, '07-home');

  // «Принять участие в акции «Мое будущее»»: the code, typed in lower case with a dash.
  await kiosk.home.openCodeDialog();
  await snap(kiosk.page, '08-code');
  // A «1» no code has: the student is told which character to check, once, under the field.
  await kiosk.home.dialog.getByLabel('Код', { exact: true }).fill('ABCD-1234');
  await kiosk.home.dialog.getByRole('button', { name: 'Активировать' }).click();
  await expect(kiosk.home.dialog.getByText(/^Знака «1» в кодах не бывает/)).toHaveCount(1);
  await snap(kiosk.page, '08-code-foreign-character');
  // A code nobody issued: refused, «Проверьте код» said once, and nothing about answers before any.
  expect(await kiosk.home.enterCode('ABCD-EFGH')).toBe('rejected');
  await expect(kiosk.home.dialogNote).toContainText(
    /Код не принят\.\s*Такого кода нет\. Проверьте код и введите его ещё раз\./,
  );
  expect((await kiosk.home.dialogNote.innerText()).split('Проверьте код')).toHaveLength(2);
  await expect(kiosk.home.dialogNote).not.toContainText('сохранены');
  await snap(kiosk.page, '08-code-unknown');
  await kiosk.home.tryAnotherCode();
  const typed = `${central.code.slice(0, 4)}-${central.code.slice(4)}`.toLowerCase();
  expect(await kiosk.home.enterCode(typed)).toBe('confirmed');
  await snap(kiosk.page, '09-code-accepted');
  await kiosk.home.beginSteps();

  // The steps, one task per screen; each item type photographed once.
  const seen = new Set<string>();
  const photograph = async (view: string, type: string) => {
    const name = view === 'intro' ? 'intro' : type;
    if (seen.has(name)) return;
    seen.add(name);
    await snap(kiosk.page, `10-step-${name}`);
  };
  await expect(kiosk.steps.progress).toContainText('Шаг 1 из 12');
  // Answers travel over the page's socket bridge once it is open, not as one fetch each.
  let savesOverHttp = 0;
  kiosk.page.on('request', (r) => {
    if (r.url().endsWith('/kiosk-api/saveAnswer')) savesOverHttp += 1;
  });
  while ((await kiosk.steps.view()) !== 'done') {
    if ((await kiosk.steps.view()) === 'pause') {
      await snap(kiosk.page, '11-pause');
      await kiosk.page.getByRole('button', { name: 'Продолжить', exact: true }).click();
      continue;
    }
    await kiosk.steps.completeStep(photograph);
  }
  // The result right after step 12 (instruction 3.1): the profile over the five spheres.
  await expect(kiosk.result.heading).toBeVisible();
  await expect(kiosk.result.domains).toHaveCount(5);
  await snap(kiosk.page, '12-result');
  await snap(kiosk.page, '12-result-full', { fullPage: true });
  await kiosk.result.domains.first().getByRole('button').press('Enter');
  await expect(kiosk.result.domains.first().getByRole('button')).toHaveAttribute('aria-expanded', 'true');
  await snap(kiosk.page, '12-result-meaning');

  // «Скачать результат (PDF)» (3.1.1) and «Скачать сертификат участника» (4.2): real PDFs, kept for people to look at.
  for (const button of ['Скачать результат (PDF)', 'Скачать сертификат участника'] as const) {
    const file = await kiosk.result.download(button);
    expect(file.fileName).toMatch(/\.pdf$/);
    expect(file.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(file.bytes.length).toBeGreaterThan(10 * 1024);
    await file.download.saveAs(
      `${DOCUMENT_DIR}/${button === 'Скачать результат (PDF)' ? 'result' : 'certificate'}.pdf`,
    );
  }
  await expect(kiosk.result.root.getByText(/Готово: файл «.+\.pdf» скачан/)).toHaveCount(2);
  await snap(kiosk.page, '12-result-downloaded');

  expect(savesOverHttp).toBe(0);

  // Everything reached the server: the participant, the confirmed code and all 12 steps.
  await kiosk.allSent();
  await snap(kiosk.page, '13-result-synced');
  const record = await serverRecordOf(central, student.email);
  expect(record.participants).toBe(1);
  expect(record.activations).toEqual([{ code: central.code, status: 'confirmed' }]);
  expect(record.completedSteps).toEqual(ALL_STEPS);

  // «Выйти»: nothing of the pupil stays on the screen.
  await kiosk.status.logout();
  await expect(kiosk.startScreen).toBeVisible();
  await expect(kiosk.page.getByText(student.surname)).toHaveCount(0);
});
