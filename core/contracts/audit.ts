/** The audit log of organizers' and technical support's data-changing actions (GET /api/support/audit). */
import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'campaign.save',
  'school.create',
  'school.update',
  'schools.import',
  'coorganizer.create',
  'coorganizer.update',
  'coorganizers.import',
  'participant.password',
  'participants.merge',
  'participant.export',
  'participant.erase',
  'participants.retention',
  'participant.parentConsent',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/** One action: who, when, what, on which record; details never hold a password or its hash. */
export const AuditEntry = z.object({
  id: z.string(),
  at: z.number(),
  actorEmail: z.string(),
  action: AuditAction,
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Newest first; `before` pages back by an entry's id. */
export const AuditQuery = z.object({
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ entries: z.array(AuditEntry) });
export type AuditPage = z.infer<typeof AuditPage>;
