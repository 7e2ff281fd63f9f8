/**
 * Taking part from home (instruction, step 6: «дистанционно с персональных электронных
 * устройств учащихся»): the central server's root address is the participant's start page, with
 * the same screens and labels as a classroom PC, talking to the server over the web. Each journey
 * runs on a 360 px phone (touch) and on a desktop browser; axe-core looks at every screen.
 */
import { expect, type Browser, type BrowserContextOptions } from '@playwright/test';
import { addDays } from '../../core/calendar.ts';
import { pdfText } from '../integration/results/helpers.ts';
import { WebParticipant } from './pages/web.ts';
import { startCentral, type Central } from './support/central.ts';
import { test } from './support/fixtures.ts';
import { SCREEN_DIR } from './support/screens.ts';
import { ALL_STEPS, serverRecordOf } from './support/server-records.ts';
import { aStudent } from './support/students.ts';

const DEVICES: { name: string; options: BrowserContextOptions }[] = [
  { name: 'phone', options: { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } },
  { name: 'desktop', options: { viewport: { width: 1280, height: 720 } } },
];
// A school's or a family's tablet, held upright: touch, no hover, between the phone and the PC.
const TABLET = { name: 'tablet', options: { viewport: { width: 800, height: 1280 }, hasTouch: true, isMobile: true } };

async function openWeb(browser: Browser, central: Central, options: BrowserContextOptions) {
  const context = await browser.newContext({ ...options, acceptDownloads: true });
  const web = new WebParticipant(await context.newPage(), central.url);
  await web.open();
  return { web, context };
}

/**
 * axe-core finds no serious or critical problem on the screen, and nothing sticks out sideways (a
 * phone or tablet would scroll the whole page to reach it); a photograph is kept either way.
 */
async function checkScreen(web: WebParticipant, device: string, name: string): Promise<void> {
  await web.page.screenshot({ path: `${SCREEN_DIR}/web-${device}-${name}.png`, animations: 'disabled' });
  expect(await web.accessibilityProblems(), `axe on «${name}» (${device})`).toEqual([]);
  const overflow = await web.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `«${name}» (${device}) is wider than the screen`).toBeLessThanOrEqual(0);
}

/** Journey 1: from the server's root to both PDFs, on an individual tariff. */
async function fullJourney(browser: Browser, central: Central, device: (typeof DEVICES)[number]): Promise<void> {
  const student = aStudent({ schoolName: 'Лицей № 7', locality: 'Тверь', region: 'Тверская область' });
  const { web, context } = await openWeb(browser, central, device.options);
  // The start page: the participant's, with discreet ways in for co-organizers and organizers.
  await expect(web.page.getByRole('link', { name: 'Кабинет соорганизатора' })).toBeVisible();
  await expect(web.page.getByRole('link', { name: 'Панель организатора' })).toBeVisible();
  await checkScreen(web, device.name, '01-start');

  await web.chooseRegister();
  // Nothing is filled in for a student at home: no school is known here.
  await expect(web.registration.field('Название образовательной организации')).toHaveValue('');
  await checkScreen(web, device.name, '02-registration');
  await web.registration.fill(student);
  await web.registration.submit();
  await expect(web.home.greeting(student.name)).toBeVisible();
  await checkScreen(web, device.name, '03-home');

  // No school code: an individual tariff for one, its cost shown before «Получить».
  await web.openIndividualTariff(() => checkScreen(web, device.name, '04-code'));
  await expect(web.home.dialog.getByText('Количество участников: 1')).toBeVisible();
  await expect(web.home.dialog.getByTestId('individual-cost')).toHaveText(/^Стоимость: \d[\d\s]*(,\d\d)?\s₽$/);
  await checkScreen(web, device.name, '04-individual-tariff');
  await web.home.dialog.getByRole('button', { name: 'Получить', exact: true }).click();
  await expect(web.home.dialogNote).toHaveAttribute('data-activation', 'confirmed');
  await checkScreen(web, device.name, '05-tariff-applied');
  await web.home.beginSteps();

  await expect(web.steps.progress).toContainText('Шаг 1 из 12');
  await checkScreen(web, device.name, '06-step-intro');
  let photographed = false;
  while ((await web.steps.view()) !== 'done') {
    if ((await web.steps.view()) === 'pause') {
      await checkScreen(web, device.name, '07-pause');
      await web.page.getByRole('button', { name: 'Продолжить', exact: true }).click();
      continue;
    }
    await web.steps.completeStep(async (view) => {
      if (photographed || view !== 'item') return;
      photographed = true;
      await checkScreen(web, device.name, '06-step');
    });
  }
  await expect(web.result.heading).toBeVisible();
  await checkScreen(web, device.name, '08-result');

  // «Скачать результат» and «Скачать сертификат участника»: real PDFs carrying the student's name.
  const fullName = `${student.surname} ${student.name}`;
  for (const button of ['Скачать результат (PDF)', 'Скачать сертификат участника'] as const) {
    const file = await web.result.download(button);
    expect(file.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = await pdfText(new Uint8Array(file.bytes));
    expect(text.replace(/\s+/g, ' ')).toContain(fullName);
    // The certificate's QR code and address never name this computer's loopback address.
    expect(text).not.toMatch(/127\.0\.0\.1|localhost/);
    if (button === 'Скачать сертификат участника') expect(text).toMatch(/\/verify\/MB-\d{4}-/);
  }

  // The server holds it all: one participant, the individual code confirmed, every step.
  const record = await serverRecordOf(central, student.email);
  expect(record.participants).toBe(1);
  expect(record.activations).toHaveLength(1);
  expect(record.activations[0]!.status).toBe('confirmed');
  expect(record.completedSteps).toEqual(ALL_STEPS);
  await context.close();
}

for (const device of DEVICES) {
  test.describe(`on a ${device.name}`, () => {
    test('a student opens the server, registers, gets an individual code, does all 12 tasks and downloads both PDFs', async ({
      browser,
      central,
    }) => {
      await fullJourney(browser, central, device);
    });

    test('a phone loses its connection mid-step: the answers typed meanwhile are kept and reach the server once', async ({
      browser,
      central,
    }) => {
      const student = aStudent();
      const { web, context } = await openWeb(browser, central, device.options);
      await web.startsWithCode(student, central.code);
      // Step 10 of the pack asks two questions on two screens.
      await web.steps.completeStepsBefore(10);
      await web.page.getByRole('button', { name: 'Начать шаг' }).click();

      // The connection drops. The first answer even reaches the server, but its reply is lost on
      // the way back (the common case of a retry); the second never leaves the phone.
      let served = 0;
      await context.route('**/api/participant/**', async (route) => {
        if (route.request().url().endsWith('/saveAnswer') && served === 0) {
          served += 1;
          await route.fetch();
        }
        await route.abort('internetdisconnected');
      });
      await web.steps.answer();
      await web.steps.next();
      await web.steps.answer();
      await expect(web.status.connection).toHaveText('Нет связи с сервером');
      await expect(web.status.pending).toHaveText('Ждут отправки: 2');
      await expect(web.steps.saved).toHaveText(/Сохранено на этом устройстве/);
      await expect(web.page.getByTestId('kept-here')).toHaveText(
        'Ответы сохранены на этом устройстве и отправятся сами, когда связь вернётся.',
      );
      await checkScreen(web, device.name, '10-offline');
      // Finishing the step needs the server: said plainly, and nothing is lost.
      await web.steps.next();
      await expect(web.steps.main.getByRole('alert')).toContainText('Нет связи с сервером');

      // The connection returns: the page sends what waited, by itself.
      await context.unroute('**/api/participant/**');
      await expect(web.status.pending).toHaveText('Всё отправлено', { timeout: 30_000 });
      await expect(web.status.connection).toHaveText('Связь с сервером есть');
      await web.steps.next();
      await expect.poll(() => web.steps.step()).toBe(11);

      // The server has each answer of step 10 once: one row per question, one logged change each.
      const db = central.ctx().db;
      const p = await db
        .selectFrom('participants')
        .select('id')
        .where('email', '=', student.email)
        .executeTakeFirstOrThrow();
      const answers = await db
        .selectFrom('answers')
        .select('item_id')
        .where('participant_id', '=', p.id)
        .where('step', '=', 10)
        .execute();
      expect(answers.map((a) => a.item_id).sort()).toEqual(['agree', 'pick-one']);
      const logged = await db
        .selectFrom('mutations')
        .select(['payload', 'status'])
        .where('participant_id', '=', p.id)
        .where('name', '=', 'answer.save')
        .execute();
      const step10 = logged.filter((m) => (JSON.parse(m.payload) as { args: { step: number } }).args.step === 10);
      expect(step10.map((m) => m.status)).toEqual(['accepted', 'accepted']);
      const conflicts = await db.selectFrom('mutation_conflicts').select('id').execute();
      expect(conflicts).toEqual([]);
      await context.close();
    });

    test('a student starts on the web, goes on at a classroom kiosk, and finishes on the web', async ({
      browser,
      central,
      classroom,
    }) => {
      const student = aStudent();
      const { web, context } = await openWeb(browser, central, device.options);
      // The school's code from the co-organizer, entered at home.
      await web.startsWithCode(student, central.code);
      await web.steps.completeStepsBefore(4);

      // At school: the kiosk has never seen this student; online, it asks the server at «Войти».
      const kiosk = await classroom.kiosk();
      await kiosk.signIn(student);
      await expect(kiosk.page.getByRole('button', { name: 'Продолжить с шага 4' })).toBeVisible();
      await kiosk.home.continue();
      await kiosk.steps.completeStepsBefore(7);
      await kiosk.allSent();

      // Home again: the web page picks up where the kiosk stopped.
      await web.page.reload();
      await expect(web.home.greeting(student.name)).toBeVisible();
      await expect(web.page.getByRole('button', { name: 'Продолжить с шага 7' })).toBeVisible();
      await web.home.continue();
      await web.steps.completeStepsBefore(9);

      // Back at the same classroom PC: it shows the steps done at home since.
      await kiosk.status.logout();
      await kiosk.signIn(student);
      await expect(kiosk.page.getByRole('button', { name: 'Продолжить с шага 9' })).toBeVisible();
      await kiosk.status.logout();

      // And the web page finishes.
      await web.steps.completeAll();
      await expect(web.result.heading).toBeVisible();

      const record = await serverRecordOf(central, student.email);
      expect(record.participants).toBe(1);
      expect(record.activations).toEqual([{ code: central.code, status: 'confirmed' }]);
      expect(record.completedSteps).toEqual(ALL_STEPS);
      expect(record.repeatedCompletions).toBe(0);
      await context.close();
    });

    test('the individual tariff is refused after the tariff deadline, with the date', async ({ browser }) => {
      let shift = 0;
      const central = await startCentral({ now: () => Date.now() + shift });
      try {
        const student = aStudent();
        const { web, context } = await openWeb(browser, central, device.options);
        await web.register(student);
        // The clock passes the campaign's tariff deadline (the demo campaign's: today + 30 days).
        const { campaign } = await import('../../sync-server/sync/campaign-cache.ts').then((m) =>
          m.activeCampaign(central.ctx()),
        );
        const deadline = campaign.settings.tariffDeadline;
        shift = Date.parse(`${addDays(deadline, 2)}T12:00:00Z`) - Date.now();
        // Weeks later the session has long expired: the student signs in again.
        await web.page.reload();
        await web.chooseLogin();
        await checkScreen(web, device.name, '09-login');
        await web.login.signIn(student);
        await expect(web.home.greeting(student.name)).toBeVisible();
        await web.openIndividualTariff();
        const [y, mo, d] = deadline.split('-').map(Number) as [number, number, number];
        const month = new Intl.DateTimeFormat('ru-RU', { month: 'long', day: 'numeric' }).format(
          new Date(y, mo - 1, d),
        );
        await expect(web.home.dialog.getByRole('alert')).toContainText(`можно было до ${month} ${y} г. включительно`);
        await expect(web.home.dialog.getByRole('button', { name: 'Получить', exact: true })).toHaveCount(0);
        await checkScreen(web, device.name, '09-tariff-refused');
        await context.close();
      } finally {
        await central.close();
      }
    });
  });
}

test('on a tablet: a student opens the server, registers, gets an individual code, does all 12 tasks and downloads both PDFs', async ({
  browser,
  central,
}) => {
  await fullJourney(browser, central, TABLET);
});

test('the page works in a browser without what Chrome 109 lacks', async ({ browser, central }) => {
  const context = await browser.newContext();
  // The built-ins newer than Chrome 109 (the last on Windows 7), taken away before the page loads.
  await context.addInitScript(() => {
    const gone: [object, string][] = [
      [String.prototype, 'isWellFormed'],
      [String.prototype, 'toWellFormed'],
      [Array.prototype, 'toSorted'],
      [Array.prototype, 'toReversed'],
      [Array.prototype, 'toSpliced'],
      [Array.prototype, 'with'],
      [Object, 'groupBy'],
      [Map, 'groupBy'],
      [Promise, 'withResolvers'],
      [Array, 'fromAsync'],
      [URL, 'canParse'],
      [Set.prototype, 'union'],
      [Set.prototype, 'isSubsetOf'],
    ];
    for (const [owner, name] of gone) delete (owner as Record<string, unknown>)[name];
  });
  const web = new WebParticipant(await context.newPage(), central.url);
  const errors: string[] = [];
  web.page.on('pageerror', (e) => errors.push(e.message));
  await web.open();
  const student = aStudent();
  await web.startsWithCode(student, central.code);
  await web.steps.completeStepsBefore(3);
  expect(await web.steps.step()).toBe(3);
  expect(errors).toEqual([]);
  await context.close();
});

test('a classroom kiosk without a connection says why it cannot find a student who registered on the web', async ({
  browser,
  central,
  classroom,
}) => {
  const { web, context } = await openWeb(browser, central, DEVICES[1]!.options);
  const student = aStudent();
  await web.register(student);
  const kiosk = await classroom.kiosk();
  await central.stop();
  try {
    await kiosk.chooseLogin();
    await kiosk.login.signIn(student);
    await expect(
      kiosk.page.getByText(/нет связи с сервером\. Если Вы регистрировались .*на сайте акции/),
    ).toBeVisible();
  } finally {
    await central.start();
  }
  await context.close();
});
