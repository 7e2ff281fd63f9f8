/**
 * «Повторные регистрации» in the co-organizer's cabinet (issue 13): registrations of the same
 * student side by side, and their merge. The renderer and the server both import these schemas.
 */
import { z } from 'zod';
import { Uuid } from '../mutations/schemas.ts';

/** One registration as the co-organizer compares it. */
export const DuplicateRegistration = z.object({
  id: z.string(),
  surname: z.string(),
  name: z.string(),
  schoolClass: z.string(),
  email: z.string(),
  /** The classroom PC it was made on; null on the web. */
  device: z.string().nullable(),
  registeredAt: z.number(),
  code: z.string().nullable(),
  /** confirmed | waiting | refused as the server holds the activation; null without a code. */
  activationStatus: z.string().nullable(),
  stepsDone: z.number().int(),
  answers: z.number().int(),
  /**
   * False for a registration the server refused because another PC registered the e-mail first:
   * its work waits at the server and joins the kept registration when merged.
   */
  onServer: z.boolean(),
});
export type DuplicateRegistration = z.infer<typeof DuplicateRegistration>;

/** GET /api/cabinet/duplicates: groups of the same student, the registration kept by default first. */
export const DuplicatesList = z.object({
  groups: z.array(z.object({ registrations: z.array(DuplicateRegistration).min(2) })),
  stepCount: z.number().int(),
});
export type DuplicatesList = z.infer<typeof DuplicatesList>;

/** POST /api/cabinet/duplicates/merge: `retiredId` joins `keptId` and is retired. */
export const MergeRequest = z.object({ keptId: Uuid, retiredId: Uuid });
export type MergeRequest = z.infer<typeof MergeRequest>;

export const MergeResult = z.object({ keptId: z.string(), retiredId: z.string(), stepsDone: z.number().int() });
export type MergeResult = z.infer<typeof MergeResult>;
