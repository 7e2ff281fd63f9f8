import type { Page } from '@playwright/test';

/** The status bar every screen shows: connection, what waits to be sent, the student, «Выйти». */
export class StatusBar {
  constructor(private readonly page: Page) {}

  get connection() {
    return this.page.getByTestId('connection');
  }

  get pending() {
    return this.page.getByTestId('pending');
  }

  get participant() {
    return this.page.getByTestId('participant-name');
  }

  async logout(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'Выйти' }).click();
  }
}
