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

/** POST /api/organizer/coorganizers: a first password is made and shown once. */
export const CoorganizerInput = z.object({
  schoolId: z.string({ error: 'Выберите образовательную организацию' }).min(1).max(64),
  email: Email,
  fullName: text('Укажите ФИО', 'ФИО', 200),
});
export type CoorganizerInput = z.infer<typeof CoorganizerInput>;

/** PUT /api/organizer/coorganizers/:id */
export const CoorganizerEdit = CoorganizerInput.omit({ schoolId: true });
export type CoorganizerEdit = z.infer<typeof CoorganizerEdit>;

export const Coorganizer = z.object({ id: z.string(), schoolId: z.string(), email: z.string(), fullName: z.string() });
export type Coorganizer = z.infer<typeof Coorganizer>;

/** The co-organizer just made, with the first password to hand over (shown this once). */
export const CoorganizerCreated = Coorganizer.extend({ password: z.string() });
export type CoorganizerCreated = z.infer<typeof CoorganizerCreated>;

/** POST /api/organizer/schools/import, /api/organizer/coorganizers/import: the file's text. */
export const CsvImportInput = z.object({
  csv: z
    .string({ error: 'Выберите файл CSV' })
    .min(1, 'Файл пуст')
    .max(5_000_000, 'Файл больше 5 МБ: разделите его на части'),
});

const Line = z.number().int().min(1);

/** What an import did: imported, already there, and each bad row with its line and reason. */
export const ImportReport = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  bad: z.array(z.object({ line: Line, reason: z.string() })),
  /** Co-organizers only: first passwords made for rows without one, shown once. */
  generated: z.array(z.object({ line: Line, email: z.string(), password: z.string() })).default([]),
  /** Co-organizers only: lines whose school was new and was added to the directory. */
  schoolsCreated: z.array(Line).default([]),
});
export type ImportReport = z.infer<typeof ImportReport>;
