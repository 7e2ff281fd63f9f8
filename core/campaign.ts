/**
 * A campaign is one year's action. Every date in it is a setting the organizer edits, never a
 * constant in code; the instruction's 2020 values are only the example in the tests.
 */
import { z } from 'zod';
import { IsoDate, isOnOrAfter, isOnOrBefore, isWithin } from './calendar.ts';
import { findRegion, REGION_CODES } from './data/regions.ts';
import { formatRubles } from './tariff.ts';
import { ConsentDocument, ParentConsentUpToClass } from './consent.ts';

export const RegionCode = z.enum(REGION_CODES, { error: 'Выберите регион из списка' });

/** A period whose last day comes before its first (the dashboard names such regions before saving). */
export const endsBeforeStart = (w: { from: IsoDate; to: IsoDate }): boolean => w.to < w.from;

export const RegionWindow = z
  .object({ region: RegionCode, from: IsoDate, to: IsoDate })
  // On the end day: a form shows the problem where it can, not under the row's index.
  .refine((w) => !endsBeforeStart(w), { path: ['to'], error: 'Период участия заканчивается раньше, чем начинается' });
export type RegionWindow = z.infer<typeof RegionWindow>;

export const CampaignSettings = z.object({
  /** Tariffs may be obtained and increased until this day, inclusive. */
  tariffDeadline: IsoDate,
  /** The regions' schedule is visible to co-organizers from this day. */
  schedulePublishedFrom: IsoDate,
  /** Codes may be used from this day. */
  activationFrom: IsoDate,
  /** The co-organizer certificate is available from this day. */
  certificateFrom: IsoDate,
  pricePerParticipantKopecks: z
    .number({ error: 'Укажите цену за одного участника числом' })
    .int('Цена — в рублях и целых копейках, например 149,50')
    .min(0, 'Цена не может быть меньше нуля')
    .max(100_000_00, `Цена за одного участника — не больше ${formatRubles(100_000_00)}`),
  /** Participant registration is open in a region during its window. */
  regionWindows: z.array(RegionWindow),
  /**
   * How many days after the campaign's end its participants' personal data is kept
   * (core/privacy/retention.ts); absent until the organizer sets it.
   */
  retentionDays: z
    .number({ error: 'Укажите срок хранения данных числом дней' })
    .int('Срок хранения данных — целое число дней')
    .min(1, 'Срок хранения данных — не меньше 1 дня')
    .max(3650, 'Срок хранения данных — не больше 3650 дней (10 лет)')
    .optional(),
  /** The consent document registration shows whole; a new version is published, never edited. */
  consent: ConsentDocument,
  /** Classes up to this one need a parent's consent at registration (null: none do). */
  parentConsentUpToClass: ParentConsentUpToClass.default(null),
});
export type CampaignSettings = z.infer<typeof CampaignSettings>;

export const Campaign = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  settings: CampaignSettings,
});
export type Campaign = z.infer<typeof Campaign>;

export function regionTimeZone(regionCode: string): string {
  return findRegion(regionCode)?.timeZone ?? 'Europe/Moscow';
}

export function canObtainTariff(s: CampaignSettings, now: Date, regionCode: string): boolean {
  return isOnOrBefore(now, s.tariffDeadline, regionTimeZone(regionCode));
}

export function isScheduleVisible(s: CampaignSettings, now: Date, regionCode: string): boolean {
  return isOnOrAfter(now, s.schedulePublishedFrom, regionTimeZone(regionCode));
}

export function canActivateCodes(s: CampaignSettings, now: Date, regionCode: string): boolean {
  return isOnOrAfter(now, s.activationFrom, regionTimeZone(regionCode));
}

export function isCoorganizerCertificateOpen(s: CampaignSettings, now: Date, regionCode: string): boolean {
  return isOnOrAfter(now, s.certificateFrom, regionTimeZone(regionCode));
}

export function regionWindow(s: CampaignSettings, regionCode: string): RegionWindow | undefined {
  return s.regionWindows.find((w) => w.region === regionCode);
}

/** Registration is open while the region's window holds; a region without a window is closed. */
export function isRegistrationOpen(s: CampaignSettings, now: Date, regionCode: string): boolean {
  const w = regionWindow(s, regionCode);
  return !!w && isWithin(now, w.from, w.to, regionTimeZone(regionCode));
}
