/**
 * Consent to personal-data processing (152-ФЗ): the document the organizer publishes, version by
 * version, and the rule that a younger student also needs a parent's consent. Kiosks get both
 * with the campaign's settings; registration checks the rule on the kiosk and on the server alike.
 */
import { z } from 'zod';
import { IsoDate } from './calendar.ts';
import { storable } from './contracts/common.ts';
import { formatNumberRu } from './messages/numbers.ts';
import { CONSENT_TITLE } from './messages/consent.ts';

/** The consent document a registration accepts: its version is recorded with the student. */
export const ConsentDocument = z.object({
  version: storable(
    z.string().trim().min(1, 'Укажите редакцию согласия').max(40, 'Редакция согласия: не длиннее 40 символов'),
  ),
  // Settings saved before titles existed read as the usual title.
  title: storable(
    z.string().trim().min(1, 'Укажите заголовок согласия').max(200, 'Заголовок согласия: не длиннее 200 символов'),
  ).default(CONSENT_TITLE),
  text: storable(
    z
      .string()
      .min(1, 'Вставьте текст согласия')
      .max(20_000, `Текст согласия: не длиннее ${formatNumberRu(20_000)} символов`),
  ),
  /** The day this version took effect: the day the organizer published it (set by the server). */
  effectiveFrom: IsoDate.optional(),
});
export type ConsentDocument = z.infer<typeof ConsentDocument>;

/**
 * The organizer's age rule: students of classes 1…upToClass need a parent's consent (152-ФЗ lets
 * a child consent alone from 14; the class is what a registration knows). null: no such rule.
 */
export const ParentConsentUpToClass = z
  .number({ error: 'Укажите номер класса числом' })
  .int('Укажите номер класса целым числом')
  .min(1, 'Класс — от 1 до 11')
  .max(11, 'Класс — от 1 до 11')
  .nullable();

export const PARENT_CONSENT_WAYS = ['paper', 'electronic'] as const;
export const ParentConsentWay = z.enum(PARENT_CONSENT_WAYS, { error: 'Выберите, как дано согласие родителя' });
export type ParentConsentWay = z.infer<typeof ParentConsentWay>;

/** Who gave a parent's consent (a parent's or guardian's full name) and how. */
export const ParentConsent = z.object({
  by: storable(
    z
      .string({ error: 'Укажите фамилию, имя и отчество родителя' })
      .trim()
      .min(3, 'Укажите фамилию, имя и отчество родителя')
      .max(200, 'ФИО родителя: не длиннее 200 символов')
      .regex(/^[\p{L}][\p{L}\s.'’-]*$/u, 'ФИО родителя: только буквы, пробел, точка и дефис'),
  ),
  how: ParentConsentWay,
});
export type ParentConsent = z.infer<typeof ParentConsent>;

/** The grade of «8Б», «11», «5 А». */
export function classGrade(schoolClass: string): number {
  return Number.parseInt(schoolClass.trim(), 10);
}

export function needsParentConsent(upToClass: number | null, schoolClass: string): boolean {
  const grade = classGrade(schoolClass);
  return upToClass !== null && Number.isFinite(grade) && grade <= upToClass;
}

/** What a participant's row says of a parent's consent (all null when none was needed or given). */
export interface ParentConsentFields {
  parentConsentBy: string | null;
  parentConsentHow: ParentConsentWay | null;
  /** When the parent's consent was recorded: at registration, or when the school received the paper. */
  parentConsentAt: number | null;
  /** A paper consent the school holds: when the co-organizer recorded receiving it. */
  parentConsentReceivedAt: number | null;
}

/**
 * A student under the rule is missing a parent's consent until one is recorded: none given, or a
 * paper one the school has not yet received.
 */
export function parentConsentMissing(
  upToClass: number | null,
  p: { schoolClass: string } & Partial<ParentConsentFields>,
): boolean {
  if (!needsParentConsent(upToClass, p.schoolClass)) return false;
  if (!p.parentConsentBy) return true;
  return p.parentConsentHow === 'paper' && !p.parentConsentReceivedAt;
}

/** A row of a student who needed no parent's consent, or of one registered before the rule. */
export const NO_PARENT_CONSENT: ParentConsentFields = {
  parentConsentBy: null,
  parentConsentHow: null,
  parentConsentAt: null,
  parentConsentReceivedAt: null,
};
