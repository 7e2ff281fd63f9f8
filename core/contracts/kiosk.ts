/**
 * The kiosk API: the one typed surface the participant screens call. The same handler table is
 * carried over Electron IPC (desktop app) and over HTTP on 127.0.0.1 (browser mode); the screens
 * never know which. Each channel has an input and an output schema, checked at the bridge.
 */
import { z } from 'zod';
import { ContentPack } from '../content/schema.ts';
import { ConsentDocument, ParentConsent } from '../consent.ts';
import type { ParticipantRow } from '../mutations/rows.ts';
import { AnswerValue, ItemId, ParticipantProfile, StepNumber, Uuid } from '../mutations/schemas.ts';
import { PasswordRule } from './common.ts';

export const SyncStatus = z.object({
  online: z.boolean(),
  /** Mutations waiting in the outbox. */
  pending: z.number().int(),
  lastSyncAt: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const KioskStatus = z.object({
  enrolled: z.boolean(),
  school: z.object({ id: z.string(), region: z.string(), locality: z.string(), name: z.string() }).nullable(),
  campaignTitle: z.string().nullable(),
  sync: SyncStatus,
  /** Minutes of inactivity after which a participant is signed out. */
  autoLogoutMinutes: z.number().int().min(1),
  serverUrl: z.string().nullable(),
});
export type KioskStatus = z.infer<typeof KioskStatus>;

export const ActivationView = z.object({
  code: z.string(),
  status: z.enum(['confirmed', 'leased', 'pending', 'waiting', 'refused', 'rejected']),
  message: z.string().nullable(),
});
export type ActivationView = z.infer<typeof ActivationView>;

export const ParticipantView = z.object({
  id: z.string(),
  surname: z.string(),
  name: z.string(),
  schoolName: z.string(),
  schoolClass: z.string(),
  activation: ActivationView.nullable(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

/** What the screens see of a participant: never the e-mail or the password hash. */
export function participantViewOf(p: ParticipantRow, activation: ActivationView | null): ParticipantView {
  return {
    id: p.id,
    surname: p.surname,
    name: p.name,
    schoolName: p.schoolName,
    schoolClass: p.schoolClass,
    activation,
  };
}

/** A refusal the student must see, in Russian, with what to do. */
export const Notice = z.object({ id: z.string(), code: z.string(), message: z.string(), at: z.number() });

export const Progress = z.object({
  answers: z.record(z.string(), z.record(ItemId, AnswerValue)),
  completedSteps: z.array(StepNumber),
  /** Where to resume: the first unfinished step and item. */
  resume: z.object({ step: StepNumber, itemIndex: z.number().int().min(0) }).nullable(),
});
export type Progress = z.infer<typeof Progress>;

/** The participant's result as the result screen shows it (scoring is core/scoring). */
export const ResultView = z.object({
  summary: z.string(),
  advisory: z.string(),
  profile: z.array(
    z.object({
      domain: z.string(),
      title: z.string(),
      percent: z.number(),
      band: z.string(),
      bandTitle: z.string(),
      interpretation: z.string(),
    }),
  ),
  recommendations: z.array(
    z.object({
      domain: z.string(),
      title: z.string(),
      fields: z.array(z.object({ title: z.string(), professions: z.array(z.string()) })),
    }),
  ),
  shortlist: z.array(z.string()),
  nextSteps: z.array(z.string()),
});
export type ResultView = z.infer<typeof ResultView>;

/** A PDF made on the kiosk, offline if need be. */
export const PdfDocument = z.object({ fileName: z.string(), base64: z.string() });
export type PdfDocument = z.infer<typeof PdfDocument>;

const Empty = z.object({}).strict();

/**
 * «Получить индивидуальный тариф»: a student with no school code gets a tariff for one participant,
 * priced by the same tariff function as a school's. Only the web offers it (`offered`); a school's
 * PC serves the school's codes.
 */
export const IndividualTariffOffer = z.object({
  offered: z.boolean(),
  costKopecks: z.number().int().nonnegative(),
  /** The tariff deadline as the reason and the hint print it: «5 ноября 2026 г.». */
  deadline: z.string(),
  /** Why it cannot be had now (the deadline passed, with its date; a code already applied), else null. */
  refusal: z.string().nullable(),
});
export type IndividualTariffOffer = z.infer<typeof IndividualTariffOffer>;

export const kioskApi = {
  status: { input: Empty, output: KioskStatus },
  enroll: {
    input: z.object({
      serverUrl: z.url({ error: 'Укажите адрес сервера, например http://192.168.1.10:8080' }),
      enrollmentCode: z.string().trim().min(4, 'Введите код подключения').max(32),
      deviceName: z.string().trim().min(1, 'Назовите компьютер, например «Кабинет 12, ПК 3»').max(80),
    }),
    output: KioskStatus,
  },
  registrationForm: {
    input: Empty,
    output: z.object({
      defaults: z.object({ region: z.string(), locality: z.string(), schoolName: z.string() }),
      consent: ConsentDocument,
      /** Classes up to this one need a parent's consent (core/consent.ts). */
      parentConsentUpToClass: z.number().nullable(),
      registrationOpen: z.boolean(),
    }),
  },
  register: {
    input: z.object({
      profile: ParticipantProfile,
      password: PasswordRule,
      /** The consent version shown on the screen: pressing «Регистрация» accepts it. */
      consentVersion: z.string().min(1),
      parentConsent: ParentConsent.optional(),
    }),
    output: z.object({ participant: ParticipantView }),
  },
  login: {
    input: z.object({
      email: z.string().trim().toLowerCase().min(3, 'Укажите e-mail').max(254, 'E-mail слишком длинный'),
      password: z.string().min(1, 'Введите пароль').max(128, 'Пароль слишком длинный'),
    }),
    output: z.object({ participant: ParticipantView }),
  },
  logout: { input: Empty, output: z.object({ ok: z.literal(true) }) },
  me: { input: Empty, output: z.object({ participant: ParticipantView.nullable(), notices: z.array(Notice) }) },
  /** «Понятно» under a notice: it is gone for good, on this PC, for this student. */
  dismissNotice: { input: z.object({ id: z.string().min(1).max(64) }), output: z.object({ ok: z.literal(true) }) },
  content: { input: Empty, output: ContentPack },
  activate: {
    input: z.object({
      code: z.string().trim().min(1, 'Введите код').max(40),
      /** The student confirmed, after the kiosk's warning, that a code of another school is theirs. */
      otherSchool: z.literal(true).optional(),
    }),
    output: z.object({ activation: ActivationView }),
  },
  progress: { input: Empty, output: Progress },
  saveAnswer: {
    input: z.object({
      step: StepNumber,
      itemId: ItemId,
      value: AnswerValue,
      /** The change's own id (UUIDv7), made by a page's outbox so that a resend is harmless. */
      mutationId: Uuid.optional(),
    }),
    output: z.object({ savedAt: z.number() }),
  },
  completeStep: { input: z.object({ step: StepNumber }), output: Progress },
  /**
   * The result, once every step is done. While the activation still waits for the server it is
   * withheld (`waiting` says why, in Russian), as is the certificate.
   */
  result: {
    input: Empty,
    output: z.object({ result: ResultView.nullable(), waiting: z.string().nullable() }),
  },
  individualTariff: { input: Empty, output: IndividualTariffOffer },
  /** The cost the student saw is confirmed; another cost (the price changed) is refused. */
  buyIndividualTariff: {
    input: z.object({ confirmedCostKopecks: z.number().int().nonnegative() }),
    output: z.object({ activation: ActivationView }),
  },
  /** «Скачать результат» (PDF) and «Скачать сертификат участника». */
  document: { input: z.object({ kind: z.enum(['result', 'certificate']) }), output: PdfDocument },
} as const;

export type KioskApi = typeof kioskApi;
export type KioskChannel = keyof KioskApi;
export type KioskInput<C extends KioskChannel> = z.input<KioskApi[C]['input']>;
export type KioskOutput<C extends KioskChannel> = z.infer<KioskApi[C]['output']>;

/** The object the preload exposes, and the HTTP client implements, for the screens. */
export interface KioskBridge {
  invoke<C extends KioskChannel>(channel: C, input: KioskInput<C>): Promise<KioskOutput<C>>;
}

/** How the bridge reports a refusal: the screens show `message`, and `fields` next to inputs. */
export const KioskError = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});
export type KioskError = z.infer<typeof KioskError>;
