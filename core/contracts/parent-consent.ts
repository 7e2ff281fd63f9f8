/** The cabinet's «Согласия родителей»: who still lacks a parent's consent, and recording a paper one. */
import { z } from 'zod';
import { ParentConsent, ParentConsentWay } from '../consent.ts';

/** A student under the age rule whose parent's consent is not recorded (or its paper not received). */
export const MissingParentConsent = z.object({
  participantId: z.string(),
  surname: z.string(),
  name: z.string(),
  schoolClass: z.string(),
  /** What the student said at registration, if anything: the paper is still to reach the school. */
  declaredBy: z.string().nullable(),
  declaredHow: ParentConsentWay.nullable(),
});
export type MissingParentConsent = z.infer<typeof MissingParentConsent>;

/** GET /api/cabinet/parent-consents. `upToClass` null: the organizer set no age rule. */
export const ParentConsentList = z.object({
  upToClass: z.number().nullable(),
  missing: z.array(MissingParentConsent),
});
export type ParentConsentList = z.infer<typeof ParentConsentList>;

/** POST /api/cabinet/students/:id/parent-consent: the school received the paper, signed by `by`. */
export const PaperConsentReceived = z.object({ by: ParentConsent.shape.by });
export type PaperConsentReceived = z.infer<typeof PaperConsentReceived>;
