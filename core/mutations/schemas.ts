/**
 * Every change a participant makes is a named mutation: applied at once where it is born (a
 * kiosk, or the server for web participants) and replayed by the server with the same domain
 * code. These schemas are the one definition both sides check at runtime.
 */
import '../zod-ru.ts';
import { z } from 'zod';
import { RegionCode } from '../campaign.ts';
import { CODE_LENGTH } from '../codes.ts';
import { ParentConsent } from '../consent.ts';
import { storable } from '../contracts/common.ts';

export const Uuid = z.uuid({ error: 'Неверный идентификатор' });

/** An empty field is asked for, not called a wrong address (`abort`: one message per field). */
const filled = (error: string) => ({ error, abort: true });

export const Email = storable(
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1, filled('Укажите e-mail'))
    .max(254, 'E-mail: не длиннее 254 символов')
    .email({ error: 'Проверьте e-mail: он должен выглядеть как name@example.ru' }),
);

export const Gender = z.enum(['female', 'male'], { error: 'Выберите пол' });

/** «8Б», «11», «5 А»: a grade 1–11, optionally with the class letter. */
export const SchoolClass = z
  .string()
  .trim()
  .regex(/^(1[01]|[1-9])\s?[А-ЯЁA-Z]?$/iu, { error: 'Укажите класс, например «8Б»' });

/** `asked` is the label as «Укажите …» takes it: «Укажите фамилию». */
const personName = (label: string, asked: string) =>
  z
    .string()
    .trim()
    .min(1, filled(`Укажите ${asked}`))
    .max(60, `${label}: не длиннее 60 символов`)
    .regex(/^[\p{L}][\p{L}\s'’-]*$/u, `${label}: только буквы, пробел и дефис`);

/** Hash format made by core/crypto/password.ts: scrypt$N$r$p$salt$hash (base64url). */
export const PasswordHash = z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);

export const ParticipantProfile = z.object({
  surname: personName('Фамилия', 'фамилию'),
  name: personName('Имя', 'имя'),
  region: RegionCode,
  locality: storable(
    z.string().trim().min(1, filled('Укажите населенный пункт')).max(120, 'Населенный пункт: не длиннее 120 символов'),
  ),
  schoolName: storable(
    z
      .string()
      .trim()
      .min(1, filled('Укажите название образовательной организации'))
      .max(300, 'Название образовательной организации: не длиннее 300 символов'),
  ),
  schoolClass: SchoolClass,
  gender: Gender,
  email: Email,
});
export type ParticipantProfile = z.infer<typeof ParticipantProfile>;

export const RegisterParticipant = z.object({
  participantId: Uuid,
  profile: ParticipantProfile,
  passwordHash: PasswordHash,
  consentVersion: storable(z.string().min(1).max(40)),
  consentAt: z.number().int().positive(),
  /** A parent's consent, when the campaign's age rule asks for one (decide checks it). */
  parentConsent: ParentConsent.optional(),
});

export const ActivateCode = z.object({
  activationId: Uuid,
  participantId: Uuid,
  code: storable(z.string().length(CODE_LENGTH)),
  /** The device lease the kiosk activated from while offline, if any. */
  leaseId: Uuid.optional(),
});

export const AnswerValue = z.union([
  storable(z.string().max(5_000)),
  z.number().finite(),
  z.boolean(),
  z.array(storable(z.string().max(200))).max(100),
  z.null(),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const StepNumber = z.number().int().min(1).max(50);
export const ItemId = storable(z.string().min(1).max(80));

export const SaveAnswer = z.object({
  participantId: Uuid,
  step: StepNumber,
  itemId: ItemId,
  value: AnswerValue,
});

export const CompleteStep = z.object({
  completionId: Uuid,
  participantId: Uuid,
  step: StepNumber,
  answers: z.record(ItemId, AnswerValue),
});

/** A participant's certificate, issued where the last step was done (often an offline kiosk). */
export const IssueCertificate = z.object({
  participantId: Uuid,
  /** «MB-2026-7KQ4M2XD» (core/documents/serial.ts); the server keeps the first one it accepts. */
  serial: z.string().regex(/^MB-\d{4}-[0-9A-Z]{8}$/),
});

const bodies = {
  register: z.object({ name: z.literal('participant.register'), args: RegisterParticipant }),
  activate: z.object({ name: z.literal('code.activate'), args: ActivateCode }),
  answer: z.object({ name: z.literal('answer.save'), args: SaveAnswer }),
  complete: z.object({ name: z.literal('step.complete'), args: CompleteStep }),
  certificate: z.object({ name: z.literal('certificate.issue'), args: IssueCertificate }),
};

export const MutationBody = z.discriminatedUnion('name', [
  bodies.register,
  bodies.activate,
  bodies.answer,
  bodies.complete,
  bodies.certificate,
]);
export type MutationBody = z.infer<typeof MutationBody>;
export type MutationName = MutationBody['name'];

/** The envelope that makes a mutation idempotent and ordered. */
const envelope = {
  /** Client-made UUIDv7: the server applies each id at most once. */
  id: Uuid,
  /** The device's own 1-based counter, so the server can skip what it has. */
  seq: z.number().int().positive(),
  /** When the device made it, in server-corrected milliseconds (advisory, never trusted for order). */
  at: z.number().int().nonnegative(),
};

/**
 * A mutation as it travels: body plus envelope. Spelled as one discriminated union of flat
 * objects rather than an intersection, which zod parses several times faster on the ingest path.
 */
export const Mutation = z.discriminatedUnion('name', [
  bodies.register.extend(envelope),
  bodies.activate.extend(envelope),
  bodies.answer.extend(envelope),
  bodies.complete.extend(envelope),
  bodies.certificate.extend(envelope),
]);
export type Mutation = z.infer<typeof Mutation>;
