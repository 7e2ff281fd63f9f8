/**
 * The campaign settings form as the organizer types it (strings), turned into the shared
 * CampaignInput on «Сохранить». Prices are typed in rubles and kept in kopecks; days are typed
 * as ДД.ММ.ГГГГ (not the browser's date picker, whose order follows the browser's language).
 */
import type { Campaign } from '../../../core/campaign.ts';
import { CAMPAIGN_YEARS, formatDayNumericRu, parseDayRu, type DayProblem } from '../../../core/calendar.ts';
import { REGIONS } from '../../../core/data/regions.ts';
import { CONSENT_TITLE } from '../../../core/messages/consent.ts';
import { dashboardMessages as d } from '../../../core/messages/cabinet-screens.ts';
import { FormState } from '../lib/form.svelte.ts';
import type { FieldErrors } from '../lib/forms.ts';
import { periodsError, type WindowRow } from './region-periods.ts';

let nextKey = 0;
const row = (region = '', from = '', to = ''): WindowRow => ({ key: nextKey++, region, from, to });

/** «150», «149,50», «1 000» → kopecks; NaN when it is not an amount of rubles. */
export function rublesToKopecks(text: string): number {
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0₽]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : Number.NaN;
}

const kopecksToRubles = (k: number) => (k % 100 === 0 ? String(k / 100) : (k / 100).toFixed(2).replace('.', ','));

/** A typed day as the contract wants it; text that is no day goes as it is, for the schema to refuse. */
const day = (text: string) => parseDayRu(text).day ?? text;

const dayError: Record<DayProblem, string> = {
  format: d.campaign.badDate,
  noSuchDay: d.campaign.noSuchDate,
  outOfRange: d.campaign.yearOutOfRange(CAMPAIGN_YEARS.first, CAMPAIGN_YEARS.last),
};

/** The form's key for the periods: the schema's own name, so its issues land in the same place. */
export const PERIODS = 'regionWindows';

const DATE_FIELDS = ['tariffDeadline', 'schedulePublishedFrom', 'activationFrom', 'certificateFrom'] as const;

export class CampaignForm {
  readonly form = new FormState();
  // A new campaign defaults to this year.
  year = $state(new Intl.DateTimeFormat('en', { year: 'numeric' }).format(Date.now()));
  title = $state('Всероссийская акция «Мое будущее»');
  tariffDeadline = $state('');
  schedulePublishedFrom = $state('');
  activationFrom = $state('');
  certificateFrom = $state('');
  price = $state('');
  windows = $state<WindowRow[]>([row()]);
  consentVersion = $state('');
  consentTitle = $state(CONSENT_TITLE);
  consentText = $state('');
  /** Days personal data is kept after the campaign's end (core/privacy/retention.ts); empty: not set. */
  retentionDays = $state('');
  parentRule = $state('');
  exists = $state(false);

  fill(c: Campaign): void {
    const s = c.settings;
    this.exists = true;
    this.year = String(c.year);
    this.title = c.title;
    this.tariffDeadline = formatDayNumericRu(s.tariffDeadline);
    this.schedulePublishedFrom = formatDayNumericRu(s.schedulePublishedFrom);
    this.activationFrom = formatDayNumericRu(s.activationFrom);
    this.certificateFrom = formatDayNumericRu(s.certificateFrom);
    this.price = kopecksToRubles(s.pricePerParticipantKopecks);
    this.windows = s.regionWindows.length
      ? s.regionWindows.map((w) => row(w.region, formatDayNumericRu(w.from), formatDayNumericRu(w.to)))
      : [row()];
    this.consentVersion = s.consent.version;
    this.consentTitle = s.consent.title;
    this.consentText = s.consent.text;
    this.retentionDays = s.retentionDays === undefined ? '' : String(s.retentionDays);
    this.parentRule = s.parentConsentUpToClass === null ? '' : String(s.parentConsentUpToClass);
  }

  addWindow(): void {
    this.windows.push(row());
    this.periodsEdited();
  }

  removeWindow(key: number): void {
    this.windows = this.windows.filter((w) => w.key !== key);
    this.periodsEdited();
  }

  /** Every region gets the first row's dates (a common case: one national window). */
  fillAll(): void {
    const first = this.windows[0];
    if (!first) return;
    this.windows = REGIONS.map((r) => row(r.code, first.from, first.to));
    this.periodsEdited();
  }

  /** Like a campaign date's, the periods' error goes once the organizer edits them. */
  periodsEdited(): void {
    this.form.clear(PERIODS);
  }

  /**
   * What the typed text alone tells, in the form's words: days that are no day and periods that
   * are wrong (the schema would ask for ГГГГ-ММ-ДД), a price that is no amount of rubles.
   */
  typedErrors(): FieldErrors {
    const errors: FieldErrors = {};
    if (Number.isNaN(rublesToKopecks(this.price))) errors.pricePerParticipantKopecks = d.campaign.badPrice;
    for (const name of DATE_FIELDS) {
      const { problem } = parseDayRu(this[name]);
      if (problem) errors[name] = dayError[problem];
    }
    if (!this.consentTitle.trim()) errors.consentTitle = d.campaign.consentTitleMissing;
    if (Number.isNaN(this.#parentRule())) errors.parentConsentUpToClass = d.campaign.parentRuleBad;
    const periods = periodsError(this.windows);
    if (periods) errors[PERIODS] = periods;
    return errors;
  }

  /** The typed class number; null when empty, NaN when it is no class. */
  #parentRule(): number | null {
    const t = this.parentRule.trim();
    if (!t) return null;
    return /^(1[01]|[1-9])$/.test(t) ? Number(t) : Number.NaN;
  }

  /** The input for PUT /api/organizer/campaign, still unchecked (the shared schema checks it). */
  input() {
    return {
      year: Number(this.year),
      title: this.title,
      settings: {
        tariffDeadline: day(this.tariffDeadline),
        schedulePublishedFrom: day(this.schedulePublishedFrom),
        activationFrom: day(this.activationFrom),
        certificateFrom: day(this.certificateFrom),
        pricePerParticipantKopecks: rublesToKopecks(this.price),
        regionWindows: this.windows
          .filter((w) => w.region)
          .map(({ region, from, to }) => ({ region, from: day(from), to: day(to) })),
        consent: { version: this.consentVersion, title: this.consentTitle, text: this.consentText },
        parentConsentUpToClass: this.#parentRule(),
        ...(this.retentionDays.trim() ? { retentionDays: Number(this.retentionDays.trim()) } : {}),
      },
    };
  }
}
