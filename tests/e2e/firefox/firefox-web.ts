/**
 * The participant's web screens driven in Debian's Firefox ESR, the other browser an old lab PC
 * may have. Playwright drives only its own patched Firefox, which cannot be downloaded here, so
 * the real ESR is driven through WebDriver BiDi by puppeteer-core. Elements are found as a pupil
 * finds them: by their accessible name («Зарегистрироваться», «Фамилия», …).
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Student } from '../support/students.ts';

export const FIREFOX_ESR = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const WAIT_MS = 15_000;

export async function launchFirefox(): Promise<Browser> {
  if (!existsSync(FIREFOX_ESR)) throw new Error(`Firefox ESR is not at ${FIREFOX_ESR}: apt-get install firefox-esr`);
  return puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_ESR, headless: true });
}

/** One page, with every uncaught error and CSP report the page raised kept for the test to read. */
/**
 * Runs in the page: the steps screen as `view:step:item` once it differs from `was` (so the same
 * function both reads the screen and waits for it to move on), else false.
 */
function screenOtherThan(was: string): string | false {
  const m = document.querySelector('main.steps');
  if (!m) return false;
  const now = `${m.getAttribute('data-view')}:${m.getAttribute('data-step')}:${m.querySelector('.item')?.getAttribute('data-item-id') ?? ''}`;
  return now !== was ? now : false;
}

export class FirefoxWeb {
  readonly errors: string[] = [];
  /** Every address the page asked for, from its first load on (none may leave the deployment). */
  readonly requests: string[] = [];

  private constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(e instanceof Error ? e.message : String(e)));
    page.on('request', (r) => this.requests.push(r.url()));
  }

  static async open(browser: Browser, url: string, viewport: { width: number; height: number }) {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    const web = new FirefoxWeb(page);
    await page.goto(url);
    await web.find('Зарегистрироваться');
    return web;
  }

  /** The element whose accessible name is `name` (and role, if given), once it is on screen. */
  async find(name: string, role?: string) {
    const query = role ? `[name=${JSON.stringify(name)}][role=${JSON.stringify(role)}]` : name;
    const el = await this.page.waitForSelector(`::-p-aria(${query})`, { visible: true, timeout: WAIT_MS });
    if (!el) throw new Error(`«${name}» is not on the screen`);
    return el;
  }

  async click(name: string): Promise<void> {
    await (await this.find(name)).click();
  }

  async fill(label: string, value: string): Promise<void> {
    await (await this.find(label)).type(value);
  }

  /** Waits until the page's text contains `text`. */
  async sees(text: string): Promise<void> {
    await this.page.waitForFunction((t) => document.body.innerText.includes(t), { timeout: WAIT_MS }, text);
  }

  async register(s: Student): Promise<void> {
    await this.click('Зарегистрироваться');
    await this.sees('Регистрация участника');
    await this.fill('Фамилия', s.surname);
    await this.fill('Имя', s.name);
    const region = await this.find('Регион', 'combobox');
    const value = await region.evaluate(
      (select, label) =>
        [...(select as HTMLSelectElement).options].find((o) => o.textContent?.trim() === label)?.value ?? '',
      s.region,
    );
    await region.select(value);
    await this.fill('Населенный пункт', s.locality);
    await this.fill('Название образовательной организации', s.schoolName);
    await this.fill('Класс', s.schoolClass);
    await this.click(s.gender);
    await this.fill('E-mail', s.email);
    await this.fill('Пароль', s.password);
    await this.fill('Повторите пароль', s.password);
    await this.click('Регистрация');
    await this.sees(`Здравствуйте, ${s.name}!`);
  }

  /** «Принять участие…» → the code → «Активировать»; returns the dialog's verdict. */
  async takePart(code: string): Promise<string> {
    await this.click('Принять участие в акции «Мое будущее»');
    await this.fill('Код', code);
    await this.click('Активировать');
    const note = await this.page.waitForSelector('dialog [data-activation], [role=dialog] [data-activation]', {
      timeout: WAIT_MS,
    });
    return (await note!.evaluate((n) => n.getAttribute('data-activation'))) ?? '';
  }

  /** Where the steps screen stands: `view:step:item` (intro, item, pause, done). */
  private async where(): Promise<string> {
    const now = await this.page.evaluate(screenOtherThan, '');
    if (now === false) throw new Error('the steps screen is not open');
    return now;
  }

  /** Answers the item on screen the way a pupil would and waits for «Сохранено». */
  private async answer(): Promise<void> {
    const type = await this.page.$eval('main.steps .item', (i) => i.getAttribute('data-item-type'));
    const item = 'main.steps .item';
    if (type === 'single' || type === 'pairwise') await this.page.click(`${item} input[type=radio]`);
    else if (type === 'likert') {
      const radios = await this.page.$$(`${item} input[type=radio]`);
      await radios[radios.length - 1]!.click();
    } else if (type === 'multiple') {
      const optional = await this.page.$eval(item, (i) => i.textContent?.includes('не отмечайте ничего') ?? false);
      if (optional) return;
      await this.page.click(`${item} input[type=checkbox]`);
    } else if (type === 'text')
      await this.page.type(`${item} textarea, ${item} input[type=text]`, 'Хочу строить мосты.');
    if (type === 'info') return;
    await this.page.waitForSelector('main.steps [data-save="saved"]', { timeout: WAIT_MS });
  }

  /** Goes through every step to the result, as on a PC or a phone. */
  async completeAll(): Promise<void> {
    await this.page.waitForSelector('main.steps[data-view]', { timeout: WAIT_MS });
    for (let guard = 0; guard < 400; guard++) {
      const before = await this.where();
      const [view] = before.split(':');
      if (view === 'done') return;
      if (view === 'pause') await this.click('Продолжить');
      else if (view === 'intro') await this.click('Начать шаг');
      else {
        await this.answer();
        const finishing = (await this.page.$('::-p-aria(Завершить шаг)')) !== null;
        await this.click(finishing ? 'Завершить шаг' : 'Далее');
      }
      // The screen moves on: another item, step, the pause or the result.
      await this.page.waitForFunction(screenOtherThan, { timeout: WAIT_MS }, before);
    }
    throw new Error('the steps never ended');
  }
}
