/**
 * The old lab PC without the desktop app, in Firefox ESR (issue 12): the web build runs there
 * with nothing it lacks. A student registers at the server's root, applies the school's code,
 * does all 12 tasks and sees the result, on a desktop and on a tablet screen, and the page raises
 * no error along the way (a CSP report counts: the page must not even try what the policy forbids).
 */
import type { Browser } from 'puppeteer-core';
import { expect, test } from './support/fixtures.ts';
import { foreignRequests } from './support/own-origins.ts';
import { SCREEN_DIR } from './support/screens.ts';
import { ALL_STEPS, serverRecordOf } from './support/server-records.ts';
import { aStudent } from './support/students.ts';
import { FirefoxWeb, launchFirefox } from './firefox/firefox-web.ts';

let firefox: Browser;
test.beforeAll(async () => {
  firefox = await launchFirefox();
});
test.afterAll(async () => {
  await firefox?.close();
});

const SCREENS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'tablet', viewport: { width: 800, height: 1280 } },
];

for (const screen of SCREENS) {
  test(`Firefox ESR (${screen.name}): register, code, all 12 tasks, the result`, async ({ central }) => {
    const student = aStudent();
    const web = await FirefoxWeb.open(firefox, `${central.url}/`, screen.viewport);
    await web.register(student);
    expect(await web.takePart(central.code)).toBe('confirmed');
    await web.click('Начать задания');
    await web.completeAll();
    await web.sees('Ваш результат');
    await web.find('Скачать результат (PDF)');
    await web.page.screenshot({ path: `${SCREEN_DIR}/firefox-esr-${screen.name}-result.png` });

    const record = await serverRecordOf(central, student.email);
    expect(record.activations).toEqual([{ code: central.code, status: 'confirmed' }]);
    expect(record.completedSteps).toEqual(ALL_STEPS);
    expect(web.errors).toEqual([]);
    // Nothing of the whole visit left the deployment: the page, its scripts, fonts and calls.
    expect(web.requests.some((u) => u.endsWith('.js'))).toBe(true);
    expect(foreignRequests(web.requests)).toEqual([]);
    await web.page.close();
  });
}
