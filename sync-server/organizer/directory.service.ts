/**
 * The organizer's directory: schools and co-organizers added, corrected and imported from CSV in
 * the dashboard, with the same rules and import code as the admin CLI. Every change is audited
 * in the transaction that makes it.
 */
import type {
  Coorganizer,
  CoorganizerCreated,
  CoorganizerEdit,
  CoorganizerInput,
  FirstPassword,
  ImportReport,
  SchoolInput,
} from '../../core/contracts/directory.ts';
import type { School } from '../../core/contracts/api.ts';
import { directoryMessages as m } from '../../core/messages/dashboard.ts';
import { hashPassword } from '../../core/node/password.ts';
import { recordAudit, type Actor } from '../audit/audit.repository.ts';
import { importCoorganizersCsv } from '../auth/coorganizers.import.ts';
import { issuePasswordLink } from '../auth/password-links.ts';
import { generatePassword } from '../auth/passwords.ts';
import { createUser, findUser, findUserByEmail, normalizeEmail, updateUserContact } from '../auth/users.repository.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { importSchoolsCsv } from '../schools/schools.import.ts';
import { ensureSchool, findSchool, findSchoolByIdentity, updateSchool } from '../schools/schools.repository.ts';
import { forgetSchoolStats } from './overview.repository.ts';
import { noteSchoolChanged } from './school-stats.service.ts';

export async function createSchool(ctx: ServerContext, actor: Actor, input: SchoolInput): Promise<School> {
  if (await findSchoolByIdentity(ctx.db, input)) throw new HttpError(409, 'SCHOOL_EXISTS', m.schoolExists);
  return ctx.db.transaction().execute(async (trx) => {
    const { school, created } = await ensureSchool(trx, input, ctx.now());
    if (!created) throw new HttpError(409, 'SCHOOL_EXISTS', m.schoolExists);
    await recordAudit(trx, ctx.now(), actor, 'school.create', school.id, { label: school.name, ...input });
    return school;
  });
}

export async function editSchool(ctx: ServerContext, actor: Actor, id: string, input: SchoolInput): Promise<School> {
  const before = await findSchool(ctx.db, id);
  if (!before) throw new HttpError(404, 'SCHOOL_NOT_FOUND', m.schoolNotFound);
  const clash = await findSchoolByIdentity(ctx.db, input);
  if (clash && clash.id !== id) throw new HttpError(409, 'SCHOOL_EXISTS', m.schoolExists);
  await ctx.db.transaction().execute(async (trx) => {
    await updateSchool(trx, id, input);
    await forgetSchoolStats(trx, id);
    await recordAudit(trx, ctx.now(), actor, 'school.update', id, { label: input.name, before, after: input });
  });
  noteSchoolChanged(ctx.db); // this node's next look recounts it
  return (await findSchool(ctx.db, id))!;
}

export async function importSchools(ctx: ServerContext, actor: Actor, csv: string): Promise<ImportReport> {
  const report = await importSchoolsCsv(ctx.db, ctx.now(), csv);
  await recordAudit(ctx.db, ctx.now(), actor, 'schools.import', 'schools', counts(report));
  return { ...report, generated: [], links: [], schoolsCreated: [] };
}

const counts = (r: Pick<ImportReport, 'imported' | 'skipped' | 'bad'>) => ({
  imported: r.imported,
  skipped: r.skipped,
  bad: r.bad.length,
});

async function emailFree(ctx: ServerContext, email: string, self?: string): Promise<void> {
  const taken = await findUserByEmail(ctx.db, email);
  if (taken && taken.id !== self) throw new HttpError(409, 'EMAIL_TAKEN', m.emailTaken);
}

/**
 * A co-organizer with a first password, or with a one-time link to set one (the password made
 * then is never shown, so only the link opens the account); either is returned this once.
 * `baseUrl` is the server's public address, which the link names.
 */
export async function createCoorganizer(
  ctx: ServerContext,
  actor: Actor,
  input: CoorganizerInput,
  baseUrl: string,
): Promise<CoorganizerCreated> {
  const school = await findSchool(ctx.db, input.schoolId);
  if (!school) throw new HttpError(404, 'SCHOOL_NOT_FOUND', m.schoolNotFound);
  await emailFree(ctx, input.email);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const byLink = input.firstPassword === 'link';
  const { id, link } = await ctx.db.transaction().execute(async (trx) => {
    const user = { role: 'coorganizer' as const, email: input.email, fullName: input.fullName, passwordHash };
    const made = await createUser(trx, { ...user, schoolId: school.id }, ctx.now());
    await recordAudit(trx, ctx.now(), actor, 'coorganizer.create', made, {
      label: normalizeEmail(input.email),
      schoolId: school.id,
      firstPassword: input.firstPassword,
    });
    return { id: made, link: byLink ? await issuePasswordLink(trx, made, ctx.now(), baseUrl) : null };
  });
  const email = normalizeEmail(input.email);
  return { id, schoolId: school.id, email, fullName: input.fullName, password: byLink ? null : password, link };
}

export async function editCoorganizer(
  ctx: ServerContext,
  actor: Actor,
  id: string,
  input: CoorganizerEdit,
): Promise<Coorganizer> {
  const user = await findUser(ctx.db, id);
  if (!user || user.role !== 'coorganizer' || !user.school_id) {
    throw new HttpError(404, 'NOT_FOUND', m.coorganizerNotFound);
  }
  await emailFree(ctx, input.email, id);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUserContact(trx, id, input);
    await recordAudit(trx, ctx.now(), actor, 'coorganizer.update', id, {
      label: normalizeEmail(input.email),
      before: { email: user.email, fullName: user.full_name },
      after: { email: normalizeEmail(input.email), fullName: input.fullName },
    });
  });
  return { id, schoolId: user.school_id, email: normalizeEmail(input.email), fullName: input.fullName };
}

/** Co-organizers from CSV; with `firstPassword` 'link', rows without a password get a link instead. */
export async function importCoorganizers(
  ctx: ServerContext,
  actor: Actor,
  input: { csv: string; firstPassword: FirstPassword },
  baseUrl: string,
): Promise<ImportReport> {
  const report = await importCoorganizersCsv(ctx.db, ctx.now(), input.csv);
  const links: ImportReport['links'] = [];
  if (input.firstPassword === 'link') {
    for (const g of report.generated) {
      const user = await findUserByEmail(ctx.db, g.email);
      if (user)
        links.push({ line: g.line, email: g.email, ...(await issuePasswordLink(ctx.db, user.id, ctx.now(), baseUrl)) });
    }
  }
  await recordAudit(ctx.db, ctx.now(), actor, 'coorganizers.import', 'coorganizers', {
    ...counts(report),
    firstPassword: input.firstPassword,
  });
  return { ...report, generated: input.firstPassword === 'link' ? [] : report.generated, links };
}
