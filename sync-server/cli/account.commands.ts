/** create-organizer, create-support, import-schools, import-coorganizers. */
import { z } from 'zod';
import { PasswordRule } from '../../core/contracts/common.ts';
import { cliMessages as m } from '../../core/messages/accounts.ts';
import { hashPassword } from '../../core/node/password.ts';
import { importCoorganizersCsv } from '../auth/coorganizers.import.ts';
import { generatePassword } from '../auth/passwords.ts';
import { createUser, findUserByEmail, normalizeEmail, setUserPassword } from '../auth/users.repository.ts';
import { importSchoolsCsv, type ImportReport } from '../schools/schools.import.ts';
import type { Args } from './args.ts';
import { CliError, option, printIssues, readText, type AdminEnv } from './env.ts';

const NewOrganizer = z.object({
  email: z.email('Неверный e-mail').max(254),
  name: z.string().trim().min(1, 'Укажите ФИО').max(200),
  password: PasswordRule,
});

export function createOrganizerCommand(env: AdminEnv, args: Args): Promise<number> {
  return createStaff(env, args, 'organizer');
}

/** Technical support: the fleet, participants and the audit log in the dashboard; no campaign settings. */
export function createSupportCommand(env: AdminEnv, args: Args): Promise<number> {
  return createStaff(env, args, 'support');
}

async function createStaff(env: AdminEnv, args: Args, role: 'organizer' | 'support'): Promise<number> {
  const given = args.options.get('password');
  const input = NewOrganizer.safeParse({
    email: normalizeEmail(option(args, 'email')),
    name: option(args, 'name'),
    password: given ?? generatePassword(),
  });
  if (!input.success) {
    printIssues(env, input.error);
    return 1;
  }
  const { email, name, password } = input.data;
  if (await findUserByEmail(env.db, email)) throw new CliError(m.emailExists(email));
  const passwordHash = await hashPassword(password);
  await createUser(env.db, { role, email, fullName: name, passwordHash, schoolId: null }, env.now());
  env.out(role === 'organizer' ? m.organizerCreated(email) : m.supportCreated(email));
  if (given === undefined) env.out(m.passwordOnce(password));
  return 0;
}

/** A forgotten password: a new one (given or generated, printed once); the user's sessions end. */
export async function resetPasswordCommand(env: AdminEnv, args: Args): Promise<number> {
  const email = normalizeEmail(option(args, 'email'));
  const given = args.options.get('password');
  const password = PasswordRule.safeParse(given ?? generatePassword());
  if (!password.success) {
    printIssues(env, password.error);
    return 1;
  }
  const user = await findUserByEmail(env.db, email);
  if (!user) throw new CliError(m.noSuchUser(email));
  const passwordHash = await hashPassword(password.data);
  await env.db.transaction().execute((trx) => setUserPassword(trx, user.id, passwordHash));
  env.out(m.passwordReset(email));
  if (given === undefined) env.out(m.passwordOnce(password.data));
  return 0;
}

function finish(env: AdminEnv, report: ImportReport): number {
  for (const b of report.bad) env.err(m.badRow(b.line, b.reason));
  env.out(m.importSummary(report.imported, report.skipped, report.bad.length));
  return report.bad.length > 0 ? 1 : 0;
}

export async function importSchoolsCommand(env: AdminEnv, args: Args): Promise<number> {
  return finish(env, await importSchoolsCsv(env.db, env.now(), await readText(args.positional[0])));
}

export async function importCoorganizersCommand(env: AdminEnv, args: Args): Promise<number> {
  const report = await importCoorganizersCsv(env.db, env.now(), await readText(args.positional[0]));
  for (const line of report.schoolsCreated) env.out(m.schoolCreated(line));
  for (const g of report.generated) env.out(m.generatedPassword(g.line, g.email, g.password));
  return finish(env, report);
}
