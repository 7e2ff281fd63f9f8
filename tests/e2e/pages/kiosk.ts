import { expect, type Page } from '@playwright/test';
import type { KioskHost } from '../support/kiosk-host.ts';
import type { Student } from '../support/students.ts';
import { FirstStartPage } from './first-start.page.ts';
import { HomePage } from './home.page.ts';
import { LoginPage } from './login.page.ts';
import { RegistrationPage } from './registration.page.ts';
import { ResultPage } from './result.page.ts';
import { StatusBar } from './status-bar.page.ts';
import { StepsPage } from './steps.page.ts';

/** The participant's screens, wherever they are shown: a classroom PC or the server's web page. */
export class ParticipantScreens {
  readonly firstStart: FirstStartPage;
  readonly registration: RegistrationPage;
  readonly login: LoginPage;
  readonly home: HomePage;
  readonly steps: StepsPage;
  readonly result: ResultPage;
  readonly status: StatusBar;

  constructor(readonly page: Page) {
    this.firstStart = new FirstStartPage(page);
    this.registration = new RegistrationPage(page);
    this.login = new LoginPage(page);
    this.home = new HomePage(page);
    this.steps = new StepsPage(page);
    this.result = new ResultPage(page);
    this.status = new StatusBar(page);
  }

  get startScreen() {
    return this.page.getByRole('heading', { name: 'Добро пожаловать!' });
  }

  async chooseRegister(): Promise<void> {
    await this.page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await expect(this.registration.heading).toBeVisible();
  }

  async chooseLogin(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Войти' }).click();
  }

  /** «Зарегистрироваться», fill the form, «Регистрация»: the student lands on their home. */
  async register(student: Student): Promise<void> {
    await this.chooseRegister();
    await this.registration.fill(student);
    await this.registration.submit();
    await expect(this.home.greeting(student.name)).toBeVisible();
  }

  async signIn(student: Student): Promise<void> {
    await this.chooseLogin();
    await this.login.signIn(student);
    await expect(this.home.greeting(student.name)).toBeVisible();
  }

  /** Waits until the kiosk has sent everything to the server. */
  async allSent(timeout = 30_000): Promise<void> {
    await expect(this.status.connection).toHaveText('Связь с сервером есть', { timeout });
    await expect(this.status.pending).toHaveText('Всё отправлено', { timeout });
  }
}

/** One classroom PC: its kiosk host and the browser page showing its screens. */
export class Kiosk extends ParticipantScreens {
  constructor(
    page: Page,
    readonly host: KioskHost,
  ) {
    super(page);
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.host.url}/#/kiosk`);
  }

  /** The school the kiosk host says it is enrolled in (null until it knows). */
  async school(): Promise<{ region: string; locality: string; name: string } | null> {
    const res = await fetch(`${this.host.url}/kiosk-api/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return ((await res.json()) as { school: { region: string; locality: string; name: string } | null }).school;
  }
}
