/** What every admin command receives, and the helpers they share. */
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { cliMessages as m } from '../../core/messages/accounts.ts';
import type { CentralDB } from '../db/schema.ts';
import type { Args } from './args.ts';

export interface AdminEnv {
  db: Kysely<CentralDB>;
  now: () => number;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A refusal the command explains itself; `code` is the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2 = 1,
  ) {
    super(message);
  }
}

export function option(args: Args, name: string): string {
  const v = args.options.get(name);
  if (!v || v === 'true') throw new CliError(m.missingOption(name), 2);
  return v;
}

export async function readText(path: string | undefined): Promise<string> {
  if (!path) throw new CliError(m.missingFile, 2);
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(m.cannotRead(path, (err as NodeJS.ErrnoException).code ?? String(err)));
  }
}

export function printIssues(env: AdminEnv, error: z.ZodError): void {
  env.err(m.invalid);
  for (const i of error.issues) env.err(`  ${i.path.join('.') || '(файл)'}: ${i.message}`);
}
