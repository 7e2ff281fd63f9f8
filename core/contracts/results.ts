/**
 * The cabinet's «Результаты» and certificates, the public certificate check, and the organizer's
 * country view. The renderer and the server both import these schemas.
 */
import { z } from 'zod';
import { Domain } from '../content/schema.ts';

/**
 * Where a student stands, one state each: «registered» (of the school, no code applied yet),
 * «waiting» / «refused» (a code applied, no place yet), then with a place: «activated» (no step
 * done), «in_progress», «finished» (every step).
 */
export const StudentStatus = z.enum(['registered', 'waiting', 'refused', 'activated', 'in_progress', 'finished'], {
  error: 'Неизвестный статус',
});
export type StudentStatus = z.infer<typeof StudentStatus>;

/** How «Результаты» can be sorted. */
export const ResultsSort = z.enum(['name', 'class', 'steps', 'status'], { error: 'Неизвестный порядок' });
export type ResultsSort = z.infer<typeof ResultsSort>;

export const RESULTS_PAGE_SIZES = [25, 50, 100] as const;

/** GET /api/cabinet/results?q=&code=&schoolClass=&status=&sort=&page=&size= */
export const ResultsQuery = z.object({
  /** Part of the surname or the name, as typed; letter case does not matter. */
  q: z.string().trim().max(100, 'Слишком длинный запрос').optional(),
  code: z.string().trim().max(40, 'Слишком длинный код').optional(),
  schoolClass: z.string().trim().max(20, 'Слишком длинное название класса').optional(),
  status: StudentStatus.optional(),
  sort: ResultsSort.default('name'),
  /** 1-based. A page past the end is answered with the last one. */
  page: z.coerce.number({ error: 'Номер страницы — целое число' }).int().min(1, 'Страницы нумеруются с 1').default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (RESULTS_PAGE_SIZES as readonly number[]).includes(n), 'Размер страницы: 25, 50 или 100')
    .default(25),
});
export type ResultsQuery = z.infer<typeof ResultsQuery>;

/** One student of «Результаты»: one who applied one of the co-organizer's codes, or registered at the school with none yet. */
export const ResultRow = z.object({
  participantId: z.string(),
  fullName: z.string(),
  schoolClass: z.string(),
  /** The school a student from elsewhere named at registration; null for the school's own students. */
  fromElsewhere: z.string().nullable(),
  /** The code applied; null while a student of the school has applied none. */
  code: z.string().nullable(),
  status: StudentStatus,
  stepsDone: z.number().int(),
  stepCount: z.number().int(),
  completed: z.boolean(),
  /** The result PDF's address, once every step is done. */
  pdfUrl: z.string().nullable(),
});
export type ResultRow = z.infer<typeof ResultRow>;

/** The numbers at the top of «Результаты», for the whole school whatever the filter. */
export const ResultsCounts = z.object({
  /** Every student listed. */
  registered: z.number().int(),
  /** With a place by a code (started or not). */
  activated: z.number().int(),
  inProgress: z.number().int(),
  finished: z.number().int(),
  /** A code applied and no place: waiting or refused. */
  unplaced: z.number().int(),
});
export type ResultsCounts = z.infer<typeof ResultsCounts>;

/** GET /api/cabinet/results: one page of the filtered list, with what the filters can offer. */
export const ResultsPage = z.object({
  results: z.array(ResultRow),
  /** Students the filter keeps, over all pages. */
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  pages: z.number().int(),
  stepCount: z.number().int(),
  counts: ResultsCounts,
  /** The school's codes and the classes of its students, for the filters. */
  codes: z.array(z.string()),
  classes: z.array(z.string()),
});
export type ResultsPage = z.infer<typeof ResultsPage>;

/** The bars of the profile chart, in the fixed domain order. */
export const ProfileBar = z.object({
  domain: Domain,
  title: z.string(),
  /** What a person in the domain works with, one line. */
  subject: z.string(),
  percent: z.number().int(),
  bandTitle: z.string(),
});
export type ProfileBar = z.infer<typeof ProfileBar>;

const Titled = <T extends z.ZodType>(items: T) => z.object({ title: z.string(), items: z.array(items) });

/**
 * The result document's content: every word of the result PDF except its page furniture, in its
 * order. core/documents/result-content.ts builds it; the PDF and the cabinet's screen both draw
 * it, so what the co-organizer reads on screen is what the PDF says.
 */
export const ResultDocument = z.object({
  title: z.string(),
  campaignTitle: z.string(),
  identity: z.array(z.object({ label: z.string(), value: z.string() })),
  profile: z.object({ title: z.string(), hint: z.string(), bands: z.array(z.string()), bars: z.array(ProfileBar) }),
  /** Said when the profile is built from part of the steps. */
  incomplete: z.string().nullable(),
  summary: z.string(),
  meaning: Titled(z.object({ domain: Domain, title: z.string(), interest: z.string(), text: z.string() })),
  recommendations: Titled(z.object({ domain: Domain, title: z.string(), fields: z.array(z.string()) })),
  shortlist: z.object({ title: z.string(), intro: z.string(), text: z.string() }).nullable(),
  nextSteps: Titled(z.string()),
  advisory: z.object({ title: z.string(), text: z.string() }),
});
export type ResultDocument = z.infer<typeof ResultDocument>;

/**
 * GET /api/cabinet/results/students/:id — one student on screen: the result once every step is
 * done, else where they are (the step they are at) and no profile.
 */
export const StudentResult = z.object({
  student: ResultRow,
  /** The step the student is at (the first not done), null when none is left or no place yet. */
  currentStep: z.number().int().nullable(),
  /** Where the student stands, in words, while there is no result. */
  progress: z.string().nullable(),
  document: ResultDocument.nullable(),
});
export type StudentResult = z.infer<typeof StudentResult>;

/**
 * POST /api/cabinet/students/:id/password — «Сменить пароль»: the new password of one of the
 * school's students, in plain text this once, for the co-organizer to hand over.
 */
export const TemporaryPassword = z.object({ password: z.string() });
export type TemporaryPassword = z.infer<typeof TemporaryPassword>;

export const CertificateKind = z.enum(['participant', 'coorganizer']);
export type CertificateKind = z.infer<typeof CertificateKind>;

/** GET /api/verify/:serial — only what a certificate itself prints: the name and the school. */
export const Verification = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    serial: z.string(),
    kind: CertificateKind,
    name: z.string(),
    schoolName: z.string(),
    campaignTitle: z.string(),
    issuedAt: z.number(),
  }),
  /** erased: the number was issued, but its participant's data was erased; it names no one now. */
  z.object({ valid: z.literal(false), serial: z.string(), erased: z.literal(true).optional() }),
]);
export type Verification = z.infer<typeof Verification>;
