/**
 * Technical support's tools (/api/support): the fleet of classroom PCs with its alerts, and a
 * participant found by e-mail or name with everything that explains their state.
 */
import { z } from 'zod';
import { RegionCode } from '../campaign.ts';
import { Device, School } from './api.ts';

/** GET /api/support/devices */
export const FleetQuery = z.object({
  region: RegionCode.optional(),
  show: z.enum(['all', 'alerts', 'silent', 'clock'], { error: 'Неизвестный фильтр' }).default('all'),
  q: z.string().trim().max(100, 'Слишком длинный запрос').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type FleetQuery = z.infer<typeof FleetQuery>;

export const FleetDevice = Device.extend({
  school: School,
  /** How long the oldest unsent change has waited, by the server's clock. */
  oldestPendingAgeMs: z.number().nullable(),
  alerts: z.array(z.enum(['silent', 'clock'])),
});
export type FleetDevice = z.infer<typeof FleetDevice>;

export const Fleet = z.object({
  devices: z.array(FleetDevice),
  /** How many PCs match the filter (the list stops at the limit). */
  total: z.number().int(),
  /** Active PCs with each alert, in the whole country (or the region filtered). */
  alerts: z.object({ silent: z.number().int(), clock: z.number().int() }),
  serverTime: z.number(),
});
export type Fleet = z.infer<typeof Fleet>;

/** GET /api/support/participants?q=ivanova@ or ?q=Иванова Мария */
export const ParticipantSearch = z.object({
  q: z
    .string({ error: 'Введите e-mail или фамилию' })
    .trim()
    .min(2, 'Введите хотя бы 2 символа e-mail или фамилии')
    .max(100, 'Слишком длинный запрос'),
});

export const ParticipantHit = z.object({
  id: z.string(),
  surname: z.string(),
  name: z.string(),
  email: z.string(),
  schoolClass: z.string(),
  school: School,
  registeredAt: z.number(),
});
export type ParticipantHit = z.infer<typeof ParticipantHit>;

export const ParticipantHits = z.object({ participants: z.array(ParticipantHit), more: z.boolean() });
export type ParticipantHits = z.infer<typeof ParticipantHits>;

/** GET /api/support/participants/:id: the participant's school, code, progress, PCs and what waits. */
export const ParticipantCard = z.object({
  participant: ParticipantHit,
  activation: z
    .object({ code: z.string(), status: z.string(), at: z.number(), deviceName: z.string().nullable() })
    .nullable(),
  stepCount: z.number().int(),
  completedSteps: z.array(z.number().int()),
  certificate: z.boolean(),
  /** Their school's PCs, which pull the school's data; `activatedHere` marks where the code was entered. */
  devices: z.array(Device.extend({ activatedHere: z.boolean() })),
  /** Changes the server holds back (parked: waiting for their registration) or refused. */
  held: z.array(
    z.object({
      mutationId: z.string(),
      name: z.string(),
      status: z.enum(['parked', 'rejected']),
      code: z.string().nullable(),
      message: z.string().nullable(),
      receivedAt: z.number(),
      deviceName: z.string().nullable(),
    }),
  ),
});
export type ParticipantCard = z.infer<typeof ParticipantCard>;

/** POST /api/support/participants/:id/password: a new password to read to the participant. */
export const SupportPassword = z.object({ password: z.string() });
