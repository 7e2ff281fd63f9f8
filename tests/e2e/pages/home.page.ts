import { expect, type Page } from '@playwright/test';

export type ActivationOutcome = 'confirmed' | 'leased' | 'pending' | 'rejected';

/** The participant's home: «Принять участие в акции «Мое будущее»» and the code (instruction, 2.3). */
export class HomePage {
  constructor(private readonly page: Page) {}

  greeting(name: string) {
    return this.page.getByRole('heading', { name: `Здравствуйте, ${name}!` });
  }

  get takePartButton() {
    return this.page.getByRole('button', { name: 'Принять участие в акции «Мое будущее»' });
  }

  get dialog() {
    return this.page.getByRole('dialog');
  }

  /** The line under the greeting: how far the student has got and what comes next. */
  get lead() {
    return this.page.getByRole('main').locator('.lead');
  }

  /** The activation the home screen shows, by its data attribute (confirmed, leased, …). */
  get activation() {
    return this.page.getByRole('main').locator('[data-activation]');
  }

  async openCodeDialog(): Promise<void> {
    await this.takePartButton.click();
    await expect(this.dialog.getByRole('heading', { name: 'Введите код участника' })).toBeVisible();
  }

  async enterCode(code: string): Promise<ActivationOutcome> {
    await this.dialog.getByLabel('Код', { exact: true }).fill(code);
    await this.dialog.getByRole('button', { name: 'Активировать' }).click();
    await expect(this.dialogNote).toBeVisible();
    return (await this.dialogNote.getAttribute('data-activation')) as ActivationOutcome;
  }

  /** What the dialog says about the code just entered («Код принят…», «Код не принят…»). */
  get dialogNote() {
    return this.dialog.locator('[data-activation]');
  }

  /** «Ввести другой код» after a refusal: the code field again, empty. */
  async tryAnotherCode(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Ввести другой код' }).click();
    await expect(this.dialog.getByLabel('Код', { exact: true })).toHaveValue('');
  }

  async takePart(code: string): Promise<ActivationOutcome> {
    await this.openCodeDialog();
    return this.enterCode(code);
  }

  async beginSteps(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Начать задания' }).click();
  }

  /** «Начать задания», «Продолжить с шага N» or «Посмотреть результат». */
  async continue(): Promise<void> {
    await this.page
      .getByRole('main')
      .getByRole('button', { name: /^(Начать задания|Продолжить с шага \d+|Посмотреть результат)$/ })
      .click();
  }
}
