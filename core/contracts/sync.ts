/**
 * The sync contract between a kiosk and the central server (HTTP, JSON). Both sides import these
 * schemas and check every message at runtime.
 */
import { z } from 'zod';
import { Campaign } from '../campaign.ts';
import { Mutation, Uuid } from '../mutations/schemas.ts';
import { storable } from './common.ts';

export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_LIMIT = 500;

/** POST /api/sync/enroll: a kiosk presents the school's one-time enrollment code. */
export const EnrollRequest = z.object({
  enrollmentCode: storable(z.string().trim().min(4).max(32)),
  deviceName: storable(z.string().trim().min(1).max(80)),
  /** Random per installation; a cloned disk image repeats it, which is how clones are found. */
  instanceId: Uuid,
  appVersion: storable(z.string().max(40)),
  /**
   * Changes of the school this installation served that it has not sent yet. The server files a
   * registration under the sending device's school, so a code of another school is refused
   * (409 ENROLL_UNSENT) before it is used up, and the kiosk keeps its old enrolment.
   */
  unsent: z.object({ schoolId: Uuid, changes: z.number().int().positive() }).optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;
export const EnrollResponse = z.object({
  deviceId: Uuid,
  /** Bearer credential for every later sync call; shown once. */
  credential: z.string(),
  schoolId: Uuid,
  /** The school the device now belongs to: the kiosk prefills registration with it. */
  school: z.object({ id: z.string(), region: z.string(), locality: z.string(), name: z.string() }),
  /**
   * The address certificates' QR codes print: PUBLIC_URL, else the server's own reachable address,
   * never the loopback one a kiosk on the server's computer was given. Older servers omit it.
   */
  certificateUrl: z.string().optional(),
  serverTime: z.number(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** What a device reports about itself with every push, so staff see its health. */
export const DeviceHealth = z.object({
  pending: z.number().int().nonnegative(),
  oldestPendingAt: z.number().int().nullable(),
  lastSyncAt: z.number().int().nullable(),
  lastError: storable(z.string().max(500)).nullable(),
  clockOffsetMs: z.number().int(),
  appVersion: storable(z.string().max(40)),
  instanceId: Uuid,
  /** The students signed in at the PC now («Класс сейчас» shows the PC each works at). */
  signedIn: z.array(Uuid).max(100).optional(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

export const PushRequest = z.object({
  mutations: z.array(z.unknown()).max(MAX_PUSH_BATCH, `Не больше ${MAX_PUSH_BATCH} записей за раз`),
  health: DeviceHealth.optional(),
});

export const MutationOutcome = z.discriminatedUnion('status', [
  /** `waiting`: an activation the server keeps until a place of the code comes back. */
  z.object({ id: z.string(), status: z.literal('accepted'), waiting: z.literal(true).optional() }),
  z.object({ id: z.string(), status: z.literal('parked') }),
  z.object({ id: z.string(), status: z.literal('rejected'), code: z.string(), message: z.string() }),
  /** Same id, different content: 409 for this mutation; both versions are kept. */
  z.object({ id: z.string(), status: z.literal('conflict'), code: z.string(), message: z.string() }),
]);
export type MutationOutcome = z.infer<typeof MutationOutcome>;

export const PushResponse = z.object({
  outcomes: z.array(MutationOutcome),
  serverTime: z.number(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export { Mutation };

/** GET /api/sync/pull?cursor=N&limit=M */
export const PullQuery = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(MAX_PULL_LIMIT),
});

export const ChangeEntity = z.enum([
  'participant',
  'activation',
  'answer',
  'completion',
  'code',
  'lease',
  'certificate',
  /** A registration merged into another of the same student: the kiosk drops the retired one. */
  'merge',
  /** A participant erased (deletion on request, or retention): the kiosk drops every record of them. */
  'erasure',
]);
export type ChangeEntity = z.infer<typeof ChangeEntity>;

export const Change = z.object({
  seq: z.number().int(),
  entity: ChangeEntity,
  key: z.string(),
  data: z.unknown(),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  changes: z.array(Change),
  /** Pass it back as `cursor`; it only ever grows. */
  cursor: z.number().int(),
  hasMore: z.boolean(),
  campaign: Campaign,
  serverTime: z.number(),
});
export type PullResponse = z.infer<typeof PullResponse>;
/**
 * A pull answer as the kiosk checks it on arrival: the page's own fields; each change is then
 * checked once, whole, as it is applied (Change here, its data by sync-rows.ts), so malformed
 * data is skipped and counted rather than refusing the page (a kind the kiosk does not know stops
 * the page there instead, nothing skipped), and no change is copied twice.
 */
export const PullPage = PullResponse.extend({ changes: z.array(z.unknown()) });
export type PullPage = z.infer<typeof PullPage>;

/**
 * POST /api/sync/leases: a device's lease round (core/leases.ts). It reports how many slots of each
 * lease it holds it has used, unsent activations included, so a return never takes one of those;
 * the answer is its leases with room after the server's rebalancing.
 */
export const LeaseRequest = z.object({
  held: z
    .array(z.object({ id: Uuid, used: z.number().int().min(0).max(100_000) }))
    .max(200)
    .default([]),
});
export type LeaseRequest = z.infer<typeof LeaseRequest>;
export const Lease = z.object({
  id: Uuid,
  code: z.string(),
  slots: z.number().int(),
  used: z.number().int(),
  expiresAt: z.number().int(),
});
export type Lease = z.infer<typeof Lease>;
export const LeaseResponse = z.object({ leases: z.array(Lease), serverTime: z.number() });
export type LeaseResponse = z.infer<typeof LeaseResponse>;

/** POST /api/sync/participant: a kiosk fetches, on demand, a participant who logs in there. */
/**
 * POST /api/sync/code — whose a code is, asked by a kiosk before a student applies a code it has
 * not pulled: the kiosk warns when the code belongs to another school (issue 13). `school` is
 * null for a code the campaign does not have.
 */
export const CodeSchoolRequest = z.object({ code: z.string().trim().min(1).max(40) });
export const CodeSchoolResponse = z.object({
  own: z.boolean(),
  school: z.object({ name: z.string(), locality: z.string() }).nullable(),
});
export type CodeSchoolResponse = z.infer<typeof CodeSchoolResponse>;

export const ParticipantLookupRequest = z.object({
  email: storable(z.string().max(254)),
  password: storable(z.string().max(128)),
});
