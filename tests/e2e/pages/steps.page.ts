import { expect, type Locator, type Page } from '@playwright/test';

type View = 'intro' | 'item' | 'pause' | 'done';

/**
 * The 12 steps, one task per screen: «Начать шаг», answer, «Далее», «Завершить шаг», the pause,
 * and the result. Answers are given the way a pupil would, through the labelled controls.
 */
export class StepsPage {
  readonly main: Locator;

  constructor(private readonly page: Page) {
    this.main = page.locator('main.steps');
  }

  get progress() {
    return this.main.getByText(/Шаг \d+ из \d+/).first();
  }

  get saved() {
    return this.main.locator('[data-save]');
  }

  /** «Ваш результат», or «Все шаги выполнены!» while the result waits for the server. */
  get resultHeading() {
    return this.page.getByRole('heading', { name: /^(Ваш результат|Все шаги выполнены!)$/ });
  }

  async view(): Promise<View> {
    await expect(this.main).toHaveAttribute('data-view', /intro|item|pause|done/);
    return (await this.main.getAttribute('data-view')) as View;
  }

  async step(): Promise<number> {
    return Number(await this.main.getAttribute('data-step'));
  }

  async itemType(): Promise<string> {
    return (await this.main.locator('.item').getAttribute('data-item-type')) ?? '';
  }

  /**
   * Answers the item on screen and waits until it shows «Сохранено». A multiple choice that allows
   * choosing nothing is left untouched: «Далее» records the empty answer.
   */
  async answer(): Promise<void> {
    const type = await this.itemType();
    const item = this.main.locator('.item');
    if (type === 'single' || type === 'pairwise') await item.getByRole('radio').first().check();
    else if (type === 'likert') await item.getByRole('radio').last().check();
    else if (type === 'multiple') {
      // Where choosing nothing is allowed, a pupil with nothing to tick moves on without touching it.
      if (await item.getByText('не отмечайте ничего').isVisible()) return;
      await item.getByRole('checkbox').first().check();
    } else if (type === 'text') await item.getByRole('textbox').fill('Хочу строить роботов и мосты.');
    if (type !== 'info') await expect(this.saved).toHaveAttribute('data-save', 'saved');
  }

  async next(): Promise<void> {
    await this.main.getByRole('button', { name: /^(Далее|Завершить шаг)$/ }).click();
  }

  /** Does one step from wherever it is open: its introduction or any item in it. */
  async completeStep(onScreen?: (view: View, type: string) => Promise<void>): Promise<void> {
    const number = await this.step();
    for (let guard = 0; guard < 40; guard++) {
      const view = await this.view();
      const type = view === 'item' ? await this.itemType() : '';
      if (view !== 'item' && view !== 'intro') return;
      if ((await this.step()) !== number) return;
      await onScreen?.(view, type);
      if (view === 'intro') {
        await this.main.getByRole('button', { name: 'Начать шаг' }).click();
        continue;
      }
      await this.answer();
      const finishing = await this.main.getByRole('button', { name: 'Завершить шаг' }).isVisible();
      await this.next();
      if (finishing) {
        // The step is done when the screen moves on: the next step, the pause or the result.
        await expect
          .poll(async () => `${await this.main.getAttribute('data-view')}:${await this.main.getAttribute('data-step')}`)
          .not.toMatch(new RegExp(`^(intro|item):${number}$`));
        return;
      }
    }
    throw new Error(`step ${number} did not finish`);
  }

  /** Goes on through the steps until the given one is open (or all are done). */
  async completeStepsBefore(stop: number): Promise<void> {
    for (;;) {
      const view = await this.view();
      if (view === 'done') return;
      if (view === 'pause') {
        await this.main.getByRole('button', { name: 'Продолжить', exact: true }).click();
        continue;
      }
      if ((await this.step()) >= stop) return;
      await this.completeStep();
    }
  }

  async completeAll(): Promise<void> {
    await this.completeStepsBefore(Number.POSITIVE_INFINITY);
    await expect(this.resultHeading).toBeVisible();
  }
}
