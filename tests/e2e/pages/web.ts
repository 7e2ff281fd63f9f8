import { expect, type Page } from '@playwright/test';
import { accessibilityProblems } from '../support/axe.ts';
import type { Student } from '../support/students.ts';
import { ParticipantScreens } from './kiosk.ts';

/** The participant's screens on the web: the central server's root address, in a phone or a PC browser. */
export class WebParticipant extends ParticipantScreens {
  constructor(
    page: Page,
    readonly serverUrl: string,
  ) {
    super(page);
  }

  /** The address a student types from the printed sheet: the server's root. */
  async open(): Promise<void> {
    await this.page.goto(`${this.serverUrl}/`);
    await expect(this.startScreen).toBeVisible();
  }

  /** Registers, applies a school's code and opens the steps: a student ready to answer. */
  async startsWithCode(student: Student, code: string): Promise<void> {
    await this.register(student);
    expect(await this.home.takePart(code)).toBe('confirmed');
    await this.home.beginSteps();
  }

  /** «Нет кода от школы?» → «Получить индивидуальный тариф» in the code dialog. */
  async openIndividualTariff(codeDialogOpen?: () => Promise<void>): Promise<void> {
    await this.home.openCodeDialog();
    await codeDialogOpen?.();
    await this.home.dialog.getByRole('button', { name: 'Получить индивидуальный тариф' }).click();
    await expect(this.home.dialog.getByRole('heading', { name: 'Индивидуальный тариф' })).toBeVisible();
  }

  /** axe-core on the screen as it stands: the serious and critical findings, as «rule: target» lines. */
  accessibilityProblems(): Promise<string[]> {
    return accessibilityProblems(this.page);
  }
}
