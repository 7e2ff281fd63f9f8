/**
 * The organizer's directory of schools and co-organizers (/api/organizer/schools,
 * /api/organizer/coorganizers): one at a time from a form, or many from a CSV file as the admin
 * CLI imports them, each bad row reported by its line. Renderer and server import these schemas.
 */
import { z } from 'zod';
import { RegionCode } from '../campaign.ts';

const text = (empty: string, field: string, max: number) =>
  z.string({ error: empty }).trim().min(1, empty).max(max, `${field}: не длиннее ${max} символов`);

/** POST /api/organizer/schools, PUT /api/organizer/schools/:id */
export const SchoolInput = z.object({
  region: RegionCode,
  locality: text('Укажите населенный пункт', 'Населенный пункт', 200),
  name: text('Укажите название образовательной организации', 'Название образовательной организации', 500),
});
export type SchoolInput = z.infer<typeof SchoolInput>;

const Email = z
  .string({ error: 'Укажите e-mail' })
  .trim()
  .min(1, 'Укажите e-mail')
  .max(254, 'E-mail: не длиннее 254 символов')
  .pipe(z.email('Проверьте e-mail: в нём должны быть @ и имя почтового сервера'));

/**
 * How a new co-organizer gets in: a first password made and shown once to the organizer, or a
 * one-time link on which the co-organizer sets a password of their own (password-links.ts).
 */
export const FirstPassword = z.enum(['password', 'link']);
export type FirstPassword = z.infer<typeof FirstPassword>;

/** POST /api/organizer/coorganizers */
export const CoorganizerInput = z.object({
  schoolId: z.string({ error: 'Выберите образовательную организацию' }).min(1).max(64),
  email: Email,
  fullName: text('Укажите ФИО', 'ФИО', 200),
  firstPassword: FirstPassword.default('password'),
});
export type CoorganizerInput = z.infer<typeof CoorganizerInput>;

/** PUT /api/organizer/coorganizers/:id */
export const CoorganizerEdit = CoorganizerInput.omit({ schoolId: true, firstPassword: true });
export type CoorganizerEdit = z.infer<typeof CoorganizerEdit>;

export const Coorganizer = z.object({ id: z.string(), schoolId: z.string(), email: z.string(), fullName: z.string() });
export type Coorganizer = z.infer<typeof Coorganizer>;

/** A one-time link to set a first password, and until when it works (epoch ms). */
export const SetPasswordLink = z.object({ url: z.string(), expiresAt: z.number() });
export type SetPasswordLink = z.infer<typeof SetPasswordLink>;

/** The co-organizer just made, with the first password or the link to hand over (shown this once). */
export const CoorganizerCreated = Coorganizer.extend({
  password: z.string().nullable(),
  link: SetPasswordLink.nullable(),
});
export type CoorganizerCreated = z.infer<typeof CoorganizerCreated>;

/** POST /api/organizer/schools/import, /api/organizer/coorganizers/import: the file's text. */
export const CsvImportInput = z.object({
  csv: z
    .string({ error: 'Выберите файл CSV' })
    .min(1, 'Файл пуст')
    .max(5_000_000, 'Файл больше 5 МБ: разделите его на части'),
  /** Co-organizers only: rows without a password get a first password, or a link to set one. */
  firstPassword: FirstPassword.default('password'),
});

const Line = z.number().int().min(1);

/** What an import did: imported, already there, and each bad row with its line and reason. */
export const ImportReport = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  bad: z.array(z.object({ line: Line, reason: z.string() })),
  /** Co-organizers only: first passwords made for rows without one, shown once. */
  generated: z.array(z.object({ line: Line, email: z.string(), password: z.string() })).default([]),
  /** Co-organizers only, with firstPassword 'link': the set-password links made instead, shown once. */
  links: z.array(SetPasswordLink.extend({ line: Line, email: z.string() })).default([]),
  /** Co-organizers only: lines whose school was new and was added to the directory. */
  schoolsCreated: z.array(Line).default([]),
});
export type ImportReport = z.infer<typeof ImportReport>;
