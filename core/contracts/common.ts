/** Pieces of the contracts that several boundaries share. */
import '../zod-ru.ts';
import { z } from 'zod';

/**
 * Text every store keeps as sent: PostgreSQL refuses NUL in text, and half of a surrogate pair (an
 * emoji cut in two) has no UTF-8 form. Refused here, by the schema of every field that reaches a
 * database, it costs a 400 or one mutation with a reason instead of a 500 from the database or a
 * whole batch failing and a device's queue stalling behind it.
 */
export function isStorableText(s: string): boolean {
  if (s.includes('\u0000')) return false;
  const native = (s as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  // Chrome 109 and Firefox ESR 115 (the web participants' old lab PCs) lack isWellFormed.
  return native ? native.call(s) : !LONE_SURROGATE.test(s);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const storable = <S extends z.ZodString>(schema: S): S =>
  schema.refine(isStorableText, { error: 'Текст содержит символ, который нельзя сохранить: удалите его' }) as S;

export const PasswordRule = z
  .string()
  // An empty field is asked for (and only that), not measured.
  .min(1, { error: 'Придумайте пароль', abort: true })
  .min(8, 'Пароль должен быть не короче 8 символов')
  .max(128, 'Пароль должен быть не длиннее 128 символов')
  .regex(/\p{L}/u, 'В пароле должна быть хотя бы одна буква')
  .regex(/\d/, 'В пароле должна быть хотя бы одна цифра');

/** Every error a client sees: a stable code and a Russian message. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field-level problems of a form, keyed by field path. */
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
