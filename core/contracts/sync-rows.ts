/**
 * The rows the server sends in pulled changes and participant look-ups, checked at runtime by the
 * kiosk (their TypeScript shapes are core/mutations/rows.ts). Kept loose on text the server
 * already checked: the kiosk must not refuse a row the authority accepted.
 */
import { z } from 'zod';
import { Lease } from './sync.ts';
import { ParentConsentWay } from '../consent.ts';
import { AnswerValue } from '../mutations/schemas.ts';

export const ParticipantRowSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  campaignId: z.string(),
  surname: z.string(),
  name: z.string(),
  region: z.string(),
  locality: z.string(),
  schoolName: z.string(),
  schoolClass: z.string(),
  gender: z.enum(['female', 'male']),
  email: z.string(),
  passwordHash: z.string(),
  consentVersion: z.string(),
  consentAt: z.number(),
  // Rows from before the parent-consent rule carry none.
  parentConsentBy: z.string().nullable().default(null),
  parentConsentHow: ParentConsentWay.nullable().default(null),
  parentConsentAt: z.number().nullable().default(null),
  parentConsentReceivedAt: z.number().nullable().default(null),
  createdAt: z.number(),
});

export const ActivationRowSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  code: z.string(),
  schoolId: z.string(),
  leaseId: z.string().nullable(),
  status: z.enum(['confirmed', 'leased', 'pending', 'waiting', 'refused']),
  createdAt: z.number(),
});

export const AnswerRowSchema = z.object({
  participantId: z.string(),
  step: z.number().int(),
  itemId: z.string(),
  value: AnswerValue,
  updatedAt: z.number(),
});

export const CompletionRowSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  step: z.number().int(),
  answers: z.record(z.string(), AnswerValue),
  completedAt: z.number(),
});

export const CodeChangeSchema = z.object({
  code: z.string(),
  tariffId: z.string(),
  capacity: z.number().int(),
  campaignId: z.string(),
});

export const CertificateRowSchema = z.object({
  serial: z.string(),
  participantId: z.string(),
  campaignId: z.string(),
  name: z.string(),
  schoolName: z.string(),
  issuedAt: z.number(),
});

/** The retired registration's id and the one it joined (issue 13). */
export const MergeChangeSchema = z.object({ retiredId: z.string(), keptId: z.string() });
/** An erased participant: only the bare id, nothing that names them (core/privacy/erasure.ts). */
export const ErasureChangeSchema = z.object({ participantId: z.string() });

export const changeSchemas = {
  participant: ParticipantRowSchema,
  activation: ActivationRowSchema,
  answer: AnswerRowSchema,
  completion: CompletionRowSchema,
  code: CodeChangeSchema,
  lease: Lease,
  certificate: CertificateRowSchema,
  merge: MergeChangeSchema,
  erasure: ErasureChangeSchema,
} as const;

/** POST /api/sync/participant's answer. */
export const ParticipantLookupResponse = z.object({
  participant: ParticipantRowSchema,
  activation: ActivationRowSchema.nullable(),
  answers: z.array(AnswerRowSchema),
  completions: z.array(CompletionRowSchema),
});
export type ParticipantLookupResponse = z.infer<typeof ParticipantLookupResponse>;
