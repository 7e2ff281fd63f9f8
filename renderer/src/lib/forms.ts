/** Field errors for forms: zod issues and the host's `fields`, keyed by the input's name. */
import type { z } from 'zod';
import { BridgeError } from './bridge/bridge-error.ts';

export type FieldErrors = Record<string, string>;

/**
 * «profile.email» and ['profile', 'email'] both become «email»: forms name inputs by the last part.
 * An issue inside a list («settings.regionWindows.3.to») belongs to the list, «regionWindows»: its
 * rows share their inputs' names, so only the list can show it (under «3» nobody would see it).
 */
const fieldName = (path: string | readonly PropertyKey[]): string => {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  const row = parts.findIndex((part) => /^\d+$/.test(part));
  return (row > 0 ? parts[row - 1] : parts[parts.length - 1]) ?? '';
};

export function issuesToFields(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const name = fieldName(issue.path);
    out[name] ??= issue.message;
  }
  return out;
}

export function refusalToFields(error: BridgeError): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(error.fields)) out[fieldName(path)] ??= message;
  return out;
}

/** What a form shows after a failed submit: per-field messages and one line above the button. */
export interface FormProblem {
  fields: FieldErrors;
  message: string | null;
}

export function problemOf(error: unknown, fallback: string): FormProblem {
  if (error instanceof BridgeError) return { fields: refusalToFields(error), message: error.message };
  return { fields: {}, message: fallback };
}
