/** The co-organizer's cabinet as a teacher sees it: its sections are found by the instruction's labels. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export class CabinetPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, view = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/#/cabinet${view ? `/${view}` : ''}`);
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('E-mail', { exact: true }).fill(email);
    await this.page.getByLabel('Пароль', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Войти', exact: true }).click();
  }

  /** The sections' menu («Разделы кабинета» / «Разделы панели»), not a table's own export links. */
  get sections(): Locator {
    return this.page.getByRole('navigation', { name: /^Разделы/ });
  }

  section(label: string): Locator {
    return this.sections.getByRole('link', { name: label, exact: true });
  }

  async go(label: string): Promise<void> {
    await this.section(label).click();
    await expect(this.page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  }

  get count(): Locator {
    return this.page.getByLabel('Количество участников', { exact: true });
  }

  /** The line under «Количество участников»: its hint, or what is wrong with the number typed. */
  get countNote(): Locator {
    return this.page.locator('#field-participants-hint, #field-participants-error');
  }

  get cost(): Locator {
    return this.page.getByTestId('cost');
  }

  /** «Сменить пароль» in a student's row of «Результаты». */
  changePassword(fullName: string): Locator {
    return this.page.getByRole('button', { name: `Сменить пароль: ${fullName}`, exact: true });
  }

  /** A student's row in «Класс сейчас», found by the name the teacher reads. */
  liveRow(fullName: string): Locator {
    return this.page.getByTestId('class-live').getByRole('row').filter({ hasText: fullName });
  }

  /** The open dialog (a confirmation, or the new password). */
  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Clicks a button and returns the file the browser downloads. */
  async download(button: Locator): Promise<Download> {
    const [file] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    return file;
  }
}
