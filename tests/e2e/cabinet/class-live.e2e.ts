/**
 * «Класс сейчас» during a lesson: the co-organizer keeps the section open while a pupil on a
 * classroom PC (browser mode) starts the steps; each answer the PC saves shows in the pupil's row
 * by itself, over socket.io, without a reload. Before that, the pupil typed a code of another
 * school by mistake: the kiosk warned («Продолжить» / «Ввести другой код») and applied nothing.
 */
import { loadavg } from 'node:os';
import { DEMO } from '../../../sync-server/demo-seed.ts';
import { createSchool, createTariff } from '../../support/factories.ts';
import { expect, test } from '../support/fixtures.ts';
import { snap as snapKiosk } from '../support/screens.ts';
import { aStudent } from '../support/students.ts';
import { CabinetPage } from './cabinet.page.ts';
import { snap } from './screens.ts';

test.use({ viewport: { width: 1366, height: 768 } });

/** How long the row may take to show a saved answer here; the issue asks 2 s, a loaded CI gets more. */
const LIVE_MS = 5_000;

test('the live view shows a pupil’s answer as the PC saves it', async ({ page, central, classroom }) => {
  const ctx = central.ctx();
  const campaign = await ctx.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
  const lyceum = await createSchool(ctx, '77', 'Лицей № 2');
  const lyceumCode = (await createTariff(ctx, campaign.id, lyceum.id, 5)).code;

  const cabinet = new CabinetPage(page);
  await cabinet.open(central.url);
  await cabinet.signIn(DEMO.coorganizer.email, DEMO.password);
  await cabinet.go('Класс сейчас');
  await expect(page.getByText('Обновляется автоматически')).toBeVisible();

  const kiosk = await classroom.kiosk('Кабинет 12, ПК 1');
  const student = aStudent({ surname: 'Соколова', name: 'Алёна' });
  const fullName = `${student.surname} ${student.name}`;
  await kiosk.register(student);
  const row = cabinet.liveRow(fullName);
  // Registered: in the list by itself, not yet at any PC's code.
  await expect(row).toBeVisible({ timeout: LIVE_MS });

  // Another school's code: the kiosk warns and applies nothing until the pupil chooses.
  await kiosk.home.openCodeDialog();
  const dialog = kiosk.home.dialog;
  await dialog.getByLabel('Код', { exact: true }).fill(lyceumCode);
  await dialog.getByRole('button', { name: 'Активировать' }).click();
  await expect(dialog.getByRole('heading', { name: 'Код другой образовательной организации' })).toBeVisible();
  await expect(dialog.getByText('Код выдан: Лицей № 2, Москва')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Продолжить', exact: true })).toBeVisible();
  await snapKiosk(kiosk.page, 'code-of-another-school');
  await kiosk.home.tryAnotherCode();
  expect(await kiosk.home.enterCode(central.code)).toMatch(/confirmed|leased/);
  await kiosk.home.beginSteps();

  // The pupil answers the first question of step 1; the row follows the PC, not a reload.
  await expect(row).toContainText('Кабинет 12, ПК 1', { timeout: LIVE_MS });
  await expect(row).toContainText('ответов на этом шаге ещё нет');
  const steps = kiosk.steps;
  if ((await steps.view()) === 'intro') await steps.main.getByRole('button', { name: 'Начать шаг' }).click();
  while ((await steps.itemType()) === 'info') await steps.next();
  await steps.answer();
  const saved = Date.now();
  await expect(row).toContainText(/Шаг 1 из \d+\s*вопрос \d+ из \d+/, { timeout: LIVE_MS });
  console.log(
    `«Класс сейчас»: the answer showed ${Date.now() - saved} ms after «Сохранено» (load ${loadavg()[0]!.toFixed(1)})`,
  );
  await expect(row).not.toContainText('Нет ответов больше 5 минут');
  await expect(page.getByText(/Проходят шаги: 1/)).toBeVisible();
  await snap(page, 'class-live');
});
