/** Pieces of the contracts that several boundaries share. */
import '../zod-ru.ts';
import { z } from 'zod';

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
