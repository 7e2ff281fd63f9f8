import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

export type DocumentButton = 'Скачать результат (PDF)' | 'Скачать сертификат участника';

/**
 * The participant's result (instruction 3.1 and 4.2): the profile over five spheres, the advice,
 * and the two downloads, «Скачать результат (PDF)» and «Скачать сертификат участника».
 */
export class ResultPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.locator('[data-result="ready"]');
  }

  get heading() {
    return this.page.getByRole('heading', { name: 'Ваш результат' });
  }

  /** The spheres of the profile, each a row with its bar and «Что это значит». */
  get domains() {
    return this.root.getByTestId('profile').getByRole('listitem');
  }

  get waiting() {
    return this.page.locator('[data-result="waiting"]');
  }

  /** Presses a download button and returns the saved file's name and bytes. */
  async download(name: DocumentButton): Promise<{ fileName: string; bytes: Buffer; download: Download }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 30_000 }),
      this.root.getByRole('button', { name }).click(),
    ]);
    const path = await download.path();
    expect(path, 'the download was saved').toBeTruthy();
    return { fileName: download.suggestedFilename(), bytes: await readFile(path!), download };
  }
}
