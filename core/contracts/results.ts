/**
 * The cabinet's «Результаты» and certificates, the public certificate check, and the organizer's
 * country view. The renderer and the server both import these schemas.
 */
import { z } from 'zod';

/** One student who applied one of the co-organizer's codes. */
export const ResultRow = z.object({
  participantId: z.string(),
  fullName: z.string(),
  schoolClass: z.string(),
  /** The school a student from elsewhere named at registration; null for the school's own students. */
  fromElsewhere: z.string().nullable(),
  code: z.string(),
  /** confirmed | waiting | refused, as the server holds the activation. */
  activationStatus: z.string(),
  stepsDone: z.number().int(),
  stepCount: z.number().int(),
  completed: z.boolean(),
  /** The result PDF's address, once every step is done. */
  pdfUrl: z.string().nullable(),
});
export type ResultRow = z.infer<typeof ResultRow>;

/** GET /api/cabinet/results */
export const ResultsList = z.object({
  results: z.array(ResultRow),
  stepCount: z.number().int(),
  completed: z.number().int(),
});
export type ResultsList = z.infer<typeof ResultsList>;

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
