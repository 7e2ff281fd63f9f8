/**
 * A form's feedback: field errors (from the contract's zod schema before sending, and from the
 * host's `fields` after), one message above the button, and a busy flag while waiting.
 */
import { tick } from 'svelte';
import type { z } from 'zod';
import { screenMessages as m } from '../../../core/messages/screens.ts';
import { issuesToFields, type FieldErrors, type FormProblem } from './forms.ts';

export class FormState {
  #errors = $state<FieldErrors>({});
  #message = $state<string | null>(null);
  #busy = $state(false);

  get errors(): FieldErrors {
    return this.#errors;
  }

  get message(): string | null {
    return this.#message;
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** Checks the input against the schema; on failure shows the errors and returns null. */
  check<S extends z.ZodType>(schema: S, input: unknown, extra: FieldErrors = {}): z.output<S> | null {
    const parsed = schema.safeParse(input);
    const fields = { ...(parsed.success ? {} : issuesToFields(parsed.error)), ...extra };
    if (Object.keys(fields).length === 0 && parsed.success) return parsed.data;
    this.show({ fields, message: m.errors.checkFields });
    return null;
  }

  /** Runs the action with a busy flag; a refusal is shown and focus goes to the first bad field. */
  async submit(action: () => Promise<{ ok: true } | ({ ok: false } & FormProblem)>): Promise<boolean> {
    if (this.#busy) return false;
    this.#busy = true;
    this.#message = null;
    try {
      const outcome = await action();
      if (outcome.ok) return true;
      this.show(outcome);
      return false;
    } finally {
      this.#busy = false;
    }
  }

  /** Forgets the last attempt's errors and message: a new attempt starts with nothing stale on screen. */
  reset(): void {
    this.#errors = {};
    this.#message = null;
  }

  clear(name: string): void {
    if (!(name in this.#errors)) return;
    const { [name]: _gone, ...rest } = this.#errors;
    this.#errors = rest;
    // «Проверьте поля, отмеченные красным» says nothing once no field is red any more.
    if (Object.keys(rest).length === 0 && this.#message === m.errors.checkFields) this.#message = null;
  }

  show(problem: FormProblem): void {
    this.#errors = problem.fields;
    // A refusal already written under its field is not repeated above the button.
    this.#message = Object.values(problem.fields).includes(problem.message ?? '') ? null : problem.message;
    void tick().then(() => {
      const first = document.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid]');
      const target = first?.matches('input, select, textarea') ? first : first?.querySelector('input');
      (target ?? document.querySelector<HTMLElement>('[data-form-message]'))?.focus();
    });
  }
}
