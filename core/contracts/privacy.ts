/** The privacy routes' bodies: a participant's data exported, and a participant erased (issue 15). */
import { z } from 'zod';
import { ParentConsentWay } from '../consent.ts';
import { storable } from './common.ts';

/**
 * POST …/erase. The organizer may give a reason; a co-organizer must (their deletion is audited
 * with it). The reason is for the audit log: it must not repeat the student's name.
 */
export const EraseRequest = z.object({
  reason: storable(
    z.string({ error: 'Укажите причину удаления' }).trim().max(500, 'Причина удаления: не длиннее 500 символов'),
  ).default(''),
});
export type EraseRequest = z.infer<typeof EraseRequest>;

export const CoorganizerEraseRequest = EraseRequest.extend({
  reason: storable(
    z
      .string({ error: 'Укажите причину удаления' })
      .trim()
      .min(3, 'Укажите причину удаления, например «заявление родителя от 02.12.2026»')
      .max(500, 'Причина удаления: не длиннее 500 символов'),
  ),
});

export const ErasureDone = z.object({ erased: z.literal(true) });
export type ErasureDone = z.infer<typeof ErasureDone>;

/** A participant's data as exported: every record about them, in the store's own terms. */
export const ParticipantData = z.object({
  exportedAt: z.number(),
  campaign: z.object({ title: z.string(), year: z.number() }),
  registration: z.object({
    id: z.string(),
    surname: z.string(),
    name: z.string(),
    region: z.string(),
    locality: z.string(),
    schoolName: z.string(),
    schoolClass: z.string(),
    gender: z.string(),
    email: z.string(),
    registeredAt: z.number(),
  }),
  consents: z.array(z.object({ version: z.string(), at: z.number() })),
  /**
   * A parent's consent, when the age rule asked for one: who gave it, how, when it was recorded,
   * and (a paper one) when the school received the form. null: none recorded.
   */
  parentConsent: z
    .object({ by: z.string(), how: ParentConsentWay, at: z.number().nullable(), receivedAt: z.number().nullable() })
    .nullable(),
  activation: z.object({ code: z.string(), status: z.string(), at: z.number() }).nullable(),
  answers: z.array(
    z.object({ step: z.number(), stepTitle: z.string(), itemId: z.string(), value: z.unknown(), at: z.number() }),
  ),
  completedSteps: z.array(z.object({ step: z.number(), stepTitle: z.string(), at: z.number() })),
  /** The scored result once every step is done: the summary and each domain's percent. */
  result: z
    .object({
      summary: z.string(),
      profile: z.array(z.object({ title: z.string(), percent: z.number(), band: z.string() })),
    })
    .nullable(),
  certificates: z.array(z.object({ serial: z.string(), issuedAt: z.number() })),
  visitedSchools: z.array(z.object({ name: z.string(), firstAt: z.number() })),
});
export type ParticipantData = z.infer<typeof ParticipantData>;
