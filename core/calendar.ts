/**
 * Campaign dates are calendar days ("до 5 ноября включительно"), evaluated in the time zone of
 * the school or region concerned. A day is written as an ISO date string, 'YYYY-MM-DD', so
 * comparisons are plain string comparisons.
 */
import { z } from 'zod';

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата должна быть в формате ГГГГ-ММ-ДД')
  // Date.parse rolls 2020-02-30 over to March 1st, so a real day must survive the round trip.
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, 'Такой даты нет в календаре');
export type IsoDate = z.infer<typeof IsoDate>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Since 2012 every zone's offset, and every change of it, falls on a quarter of an hour of UTC
 * (until 2011 Newfoundland and Moncton changed their clocks at 00:01 local time), so the local day
 * is the same throughout each quarter: the last one asked per zone is kept (a push batch's date
 * rules ask about the same minutes hundreds of times; Intl's format was most of decide's own
 * time). Earlier instants are formatted each time.
 */
const QUARTER_MS = 15 * 60_000;
const SINCE_2012 = Date.UTC(2012, 0, 1) / QUARTER_MS;
const lastDay = new Map<string, { quarter: number; day: IsoDate }>();

/** The calendar day that `instant` falls on in `timeZone`. */
export function localDay(instant: Date, timeZone: string): IsoDate {
  const quarter = Math.floor(instant.getTime() / QUARTER_MS);
  const last = lastDay.get(timeZone);
  if (last?.quarter === quarter) return last.day;
  const day = formatterFor(timeZone).format(instant);
  if (quarter >= SINCE_2012) lastDay.set(timeZone, { quarter, day });
  return day;
}

/** True while the local day is on or before `lastDay` (the day itself included). */
export function isOnOrBefore(instant: Date, lastDay: IsoDate, timeZone: string): boolean {
  return localDay(instant, timeZone) <= lastDay;
}

/** True from the local start of `firstDay` on. */
export function isOnOrAfter(instant: Date, firstDay: IsoDate, timeZone: string): boolean {
  return localDay(instant, timeZone) >= firstDay;
}

/** True when the local day lies in [from, to], both days included. */
export function isWithin(instant: Date, from: IsoDate, to: IsoDate, timeZone: string): boolean {
  const day = localDay(instant, timeZone);
  return day >= from && day <= to;
}

/** Shifts an ISO day by whole days (used to build demo campaigns around today). */
export function addDays(day: IsoDate, days: number): IsoDate {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const ruMonths = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

/** «5 ноября 2020 г.»: how the instruction writes dates. */
export function formatDayRu(day: IsoDate): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${ruMonths[m - 1]} ${y} г.`;
}

/** «16.12.2020»: how a Russian form shows a day, whatever language the browser speaks. */
export function formatDayNumericRu(day: IsoDate): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** The years a campaign's days may fall in (CampaignInput.year keeps to the same). */
export const CAMPAIGN_YEARS = { first: 2020, last: 2100 } as const;

/** Why typed text is no usable day: not written as a day, no such day, or a year no campaign has. */
export type DayProblem = 'format' | 'noSuchDay' | 'outOfRange';

/** A typed day read: the day, or (with `day` null) why it is none. */
export type DayReading = { day: IsoDate; problem?: undefined } | { day: null; problem: DayProblem };

/**
 * A day typed as «16.12.2020» (or «1.2.2021», or pasted as 2020-12-16). A slip such as 01.01.0000
 * or 2002 for 2020 is refused as out of range rather than saved as a campaign date.
 */
export function parseDayRu(text: string): DayReading {
  const t = text.trim();
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (!ru && !/^\d{4}-\d{2}-\d{2}$/.test(t)) return { day: null, problem: 'format' };
  const iso = ru ? `${ru[3]}-${ru[2]!.padStart(2, '0')}-${ru[1]!.padStart(2, '0')}` : t;
  if (!IsoDate.safeParse(iso).success) return { day: null, problem: 'noSuchDay' };
  const year = Number(iso.slice(0, 4));
  if (year < CAMPAIGN_YEARS.first || year > CAMPAIGN_YEARS.last) return { day: null, problem: 'outOfRange' };
  return { day: iso };
}
