/** The directory's actions: a school or co-organizer added or corrected, a CSV file imported. */
import type { z } from 'zod';
import {
  CoorganizerEdit,
  CoorganizerInput,
  SchoolInput,
  type FirstPassword,
  type ImportReport,
} from '../../../../core/contracts/directory.ts';
import { accountScreenMessages as am } from '../../../../core/messages/cabinet-screens.ts';
import type { FormState } from '../../lib/form.svelte.ts';
import { problemOf } from '../../lib/forms.ts';
import { organizerApi } from '../organizer-api.ts';

/** Checks the input with the contract, sends it, and shows a refusal on the form; the result or null. */
async function send<S extends z.ZodType, T>(
  form: FormState,
  schema: S,
  input: unknown,
  call: (checked: z.output<S>) => Promise<T>,
): Promise<T | null> {
  const checked = form.check(schema, input);
  if (checked === null) return null;
  let out: T | null = null;
  await form.submit(async () => {
    try {
      out = await call(checked);
      return { ok: true };
    } catch (error) {
      return { ok: false, ...problemOf(error, am.failed) };
    }
  });
  return out;
}

export const saveSchool = (form: FormState, input: unknown, id?: string) =>
  send(form, SchoolInput, input, (s) => (id ? organizerApi.editSchool(id, s) : organizerApi.addSchool(s)));

export const addCoorganizer = (form: FormState, input: unknown) =>
  send(form, CoorganizerInput, input, (c) => organizerApi.addCoorganizer(c));

export const editCoorganizer = (form: FormState, id: string, input: unknown) =>
  send(form, CoorganizerEdit, input, (c) => organizerApi.editCoorganizer(id, c));

/** Reads the chosen file as text (UTF-8, or Windows-1251 as older Excel saves CSV) and imports it. */
export async function importFile(
  form: FormState,
  kind: 'schools' | 'coorganizers',
  file: File,
  firstPassword: FirstPassword = 'password',
): Promise<ImportReport | null> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let csv: string;
  try {
    csv = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    csv = new TextDecoder('windows-1251').decode(bytes);
  }
  let out: ImportReport | null = null;
  await form.submit(async () => {
    try {
      out = await organizerApi.importCsv(kind, csv, firstPassword);
      return { ok: true };
    } catch (error) {
      return { ok: false, ...problemOf(error, am.failed) };
    }
  });
  return out;
}
