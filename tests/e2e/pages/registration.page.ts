import type { Page } from '@playwright/test';
import type { Student } from '../support/students.ts';

/** «Зарегистрироваться» → the form → «Регистрация» (instruction, 2.2). */
export class RegistrationPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Регистрация участника' });
  }

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Fills the form; region, locality and school are typed only where the kiosk left them empty. */
  async fill(s: Student): Promise<void> {
    if ((await this.field('Регион').inputValue()) === '') await this.field('Регион').selectOption({ label: s.region });
    if ((await this.field('Населенный пункт').inputValue()) === '')
      await this.field('Населенный пункт').fill(s.locality);
    const school = this.field('Название образовательной организации');
    if ((await school.inputValue()) === '') await school.fill(s.schoolName);
    await this.field('Фамилия').fill(s.surname);
    await this.field('Имя').fill(s.name);
    await this.field('Класс').fill(s.schoolClass);
    await this.page.getByRole('radio', { name: s.gender }).check();
    await this.field('E-mail').fill(s.email);
    await this.field('Пароль').fill(s.password);
    await this.field('Повторите пароль').fill(s.password);
    // No box to tick: the consent is on the screen whole, and «Регистрация» gives it.
    await this.page.getByRole('region', { name: 'Согласие на обработку персональных данных' }).waitFor();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Регистрация', exact: true }).click();
  }
}
