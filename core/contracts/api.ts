/**
 * The HTTP API of the cabinet (co-organizer) and the dashboard (organizer), served by the
 * central server. The renderer and the server both import these schemas.
 */
import { z } from 'zod';
import { CampaignSettings, RegionWindow } from '../campaign.ts';
import { ParticipantCount } from '../tariff.ts';
import { PasswordRule, storable } from './common.ts';

/**
 * The header the screens send with every request that changes something and has no JSON body: a
 * form on another site cannot send it (sync-server/http/same-origin.ts).
 */
export const CLIENT_HEADER = 'x-moe-client';

export const LoginRequest = z.object({
  email: storable(z.string().trim().toLowerCase().min(3, 'Укажите e-mail').max(254, 'E-mail: не длиннее 254 символов')),
  password: storable(z.string().min(1, 'Укажите пароль').max(128, 'Пароль: не длиннее 128 символов')),
});

/** Technical support («техническая поддержка»): the fleet, participants' look-up and the audit log, nothing that changes the campaign. */
/** POST /api/auth/set-password: the token of a one-time link and the password chosen on its page. */
export const SetPasswordRequest = z.object({
  token: z.string({ error: 'Ссылка неполная' }).min(20, 'Ссылка неполная').max(200, 'Ссылка неполная'),
  password: PasswordRule,
});
export type SetPasswordRequest = z.infer<typeof SetPasswordRequest>;

export const Role = z.enum(['organizer', 'coorganizer', 'support']);
export type Role = z.infer<typeof Role>;

export const School = z.object({ id: z.string(), region: z.string(), locality: z.string(), name: z.string() });
export type School = z.infer<typeof School>;

export const Me = z.object({
  id: z.string(),
  role: Role,
  email: z.string(),
  fullName: z.string(),
  school: School.nullable(),
});
export type Me = z.infer<typeof Me>;

/** GET /api/cabinet/overview: what the co-organizer's cabinet needs to draw its sections. */
export const CabinetOverview = z.object({
  school: School,
  campaign: z.object({ id: z.string(), year: z.number(), title: z.string(), settings: CampaignSettings }),
  serverTime: z.number(),
  canObtainTariff: z.boolean(),
  scheduleVisible: z.boolean(),
  codesActive: z.boolean(),
  certificateOpen: z.boolean(),
  /** Students of the school's codes who finished (a place and every step): the certificate counts them. */
  finished: z.number().int(),
  /**
   * The address certificates' QR codes print (never loopback) and whether any phone can open it
   * (false: an address inside the school's network, as when PUBLIC_URL is not set).
   */
  certificateAddress: z.object({ url: z.string(), everywhere: z.boolean() }),
});
export type CabinetOverview = z.infer<typeof CabinetOverview>;

/**
 * POST /api/cabinet/tariffs — «Получить тарифы для участников». `costKopecks` is the total the
 * co-organizer confirmed; when the price has changed since, the server refuses instead of charging
 * another sum.
 */
export const ObtainTariffRequest = z.object({
  participants: ParticipantCount,
  costKopecks: z.number().int().min(0).optional(),
});
export type ObtainTariffRequest = z.infer<typeof ObtainTariffRequest>;

export const PurchasedTariff = z.object({
  id: z.string(),
  code: z.string(),
  participants: z.number().int(),
  costKopecks: z.number().int(),
  /** Confirmed activations: places taken for good. */
  used: z.number().int(),
  /** Unused places reserved for the school's classroom PCs (to seat students offline). */
  held: z.number().int(),
  /** Students waiting at the server for one of this code's places. */
  waiting: z.number().int(),
  /** Places not yet taken: participants − used (held ones included, they still go to students). */
  remaining: z.number().int(),
  createdAt: z.number(),
});
export type PurchasedTariff = z.infer<typeof PurchasedTariff>;

/** A student of the school's codes without a place yet: waiting for one, or refused (code full). */
export const UnplacedStudent = z.object({
  participantId: z.string(),
  surname: z.string(),
  name: z.string(),
  schoolClass: z.string(),
  code: z.string(),
  status: z.enum(['waiting', 'refused']),
  reason: z.string(),
  since: z.number(),
});
export type UnplacedStudent = z.infer<typeof UnplacedStudent>;

/** GET /api/cabinet/tariffs — «Приобретенные тарифы». */
export const PurchasedTariffs = z.object({
  tariffs: z.array(PurchasedTariff),
  totalParticipants: z.number().int(),
  totalUsed: z.number().int(),
  /** Students without a place: a new tariff («Получить») seats them first (point 1.4). */
  unplaced: z.array(UnplacedStudent),
});
export type PurchasedTariffs = z.infer<typeof PurchasedTariffs>;

/** GET /api/cabinet/schedule: the region's window, from the publication date. */
export const Schedule = z.object({ region: z.string(), regionName: z.string(), window: RegionWindow.nullable() });

/**
 * Where a classroom PC reaches this server. `urls` are the addresses to type, the likeliest first
 * (PUBLIC_URL, else the address the cabinet was opened at, else this computer's LAN addresses when
 * it was opened on the server itself); with `loopbackOnly` the server listens only on its own
 * computer (HOST=127.0.0.1) and `urls` are the ones it will have once started with HOST=0.0.0.0.
 * Empty when the computer has no network address. `port` is the one the server listens on.
 */
export const ServerAddress = z.object({
  urls: z.array(z.string()),
  loopbackOnly: z.boolean(),
  port: z.number().int(),
});
export type ServerAddress = z.infer<typeof ServerAddress>;

/** POST /api/cabinet/enrollments — «Подключить компьютер»: a one-time code and where to connect. */
export const EnrollmentCode = z.object({ code: z.string(), expiresAt: z.number(), server: ServerAddress });
export type EnrollmentCode = z.infer<typeof EnrollmentCode>;

export const Device = z.object({
  id: z.string(),
  name: z.string(),
  enrolledAt: z.number(),
  revokedAt: z.number().nullable(),
  lastSeenAt: z.number().nullable(),
  pending: z.number().nullable(),
  oldestPendingAt: z.number().nullable(),
  lastError: z.string().nullable(),
  clockOffsetMs: z.number().nullable(),
  appVersion: z.string().nullable(),
});
export type Device = z.infer<typeof Device>;

/** A mutation the server refused, listed for whoever can act on it. */
export const RejectionRecord = z.object({
  mutationId: z.string(),
  deviceId: z.string().nullable(),
  name: z.string(),
  code: z.string(),
  message: z.string(),
  participantId: z.string().nullable(),
  receivedAt: z.number(),
});
export type RejectionRecord = z.infer<typeof RejectionRecord>;
