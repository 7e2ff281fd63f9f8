import type { Page } from '@playwright/test';

/** First start of a classroom PC: «Подключение компьютера». */
export class FirstStartPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Подключение компьютера' });
  }

  async connect(serverUrl: string, enrollmentCode: string, deviceName: string): Promise<void> {
    await this.page.getByLabel('Адрес сервера').fill(serverUrl);
    await this.page.getByLabel('Код подключения').fill(enrollmentCode);
    await this.page.getByLabel('Название компьютера').fill(deviceName);
    await this.page.getByRole('button', { name: 'Подключить' }).click();
  }
}
