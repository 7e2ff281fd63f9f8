import type { Page } from '@playwright/test';
import type { Student } from '../support/students.ts';

/** «Войти» with the e-mail and password given at registration (instruction, 2.3). */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async signIn(s: Pick<Student, 'email' | 'password'>): Promise<void> {
    await this.page.getByLabel('E-mail', { exact: true }).fill(s.email);
    await this.page.getByLabel('Пароль', { exact: true }).fill(s.password);
    await this.page.getByRole('main').getByRole('button', { name: 'Войти', exact: true }).click();
  }
}
