/** Campaign days are calendar days in the school's time zone: «до 5 ноября включительно». */
import { describe, expect, it } from 'vitest';
import { canObtainTariff, regionTimeZone, type CampaignSettings } from '../../../core/campaign.ts';
import {
  addDays,
  formatDayNumericRu,
  formatDayRu,
  isOnOrAfter,
  isOnOrBefore,
  isWithin,
  localDay,
  parseDayRu,
} from '../../../core/calendar.ts';

const SETTINGS: CampaignSettings = {
  tariffDeadline: '2020-11-05',
  schedulePublishedFrom: '2020-11-09',
  activationFrom: '2020-11-15',
  certificateFrom: '2020-12-16',
  pricePerParticipantKopecks: 10_000,
  regionWindows: [],
  parentConsentUpToClass: null,
  consent: { version: '1', title: 'Согласие', text: 'Согласие' },
};
const at = (iso: string) => new Date(iso);

describe('tariff deadline', () => {
  it('holds through 23:59:59 on 5 November local time and ends at 00:00 on the 6th', () => {
    // Vladivostok is UTC+10: its 23:59:59 on the 5th is 13:59:59Z.
    expect(canObtainTariff(SETTINGS, at('2020-11-05T13:59:59Z'), '25')).toBe(true);
    expect(canObtainTariff(SETTINGS, at('2020-11-05T14:00:00Z'), '25')).toBe(false);
    // Kaliningrad is UTC+2: its 23:59:59 on the 5th is 21:59:59Z.
    expect(canObtainTariff(SETTINGS, at('2020-11-05T21:59:59Z'), '39')).toBe(true);
    expect(canObtainTariff(SETTINGS, at('2020-11-05T22:00:00Z'), '39')).toBe(false);
  });

  it('gives different answers to two schools at the same instant', () => {
    const instant = at('2020-11-05T18:00:00Z');
    expect(canObtainTariff(SETTINGS, instant, '39')).toBe(true);
    expect(canObtainTariff(SETTINGS, instant, '77')).toBe(true);
    expect(canObtainTariff(SETTINGS, instant, '25')).toBe(false);
    expect(canObtainTariff(SETTINGS, instant, '41')).toBe(false);
  });

  it('uses Moscow time for a region code it does not know', () => {
    expect(regionTimeZone('00')).toBe('Europe/Moscow');
    expect(regionTimeZone('25')).toBe('Asia/Vladivostok');
    expect(regionTimeZone('39')).toBe('Europe/Kaliningrad');
  });
});

describe('calendar days', () => {
  it('reads the local day of an instant', () => {
    expect(localDay(at('2020-11-05T14:00:00Z'), 'Asia/Vladivostok')).toBe('2020-11-06');
    expect(localDay(at('2020-11-05T14:00:00Z'), 'Europe/Kaliningrad')).toBe('2020-11-05');
    expect(localDay(at('2020-12-31T21:00:00Z'), 'Europe/Moscow')).toBe('2021-01-01');
  });

  it('includes both ends of a window', () => {
    const tz = 'Europe/Moscow';
    expect(isWithin(at('2020-11-15T21:00:00Z'), '2020-11-16', '2020-11-20', tz)).toBe(true);
    expect(isWithin(at('2020-11-15T20:59:59Z'), '2020-11-16', '2020-11-20', tz)).toBe(false);
    expect(isWithin(at('2020-11-20T20:59:59Z'), '2020-11-16', '2020-11-20', tz)).toBe(true);
    expect(isWithin(at('2020-11-20T21:00:00Z'), '2020-11-16', '2020-11-20', tz)).toBe(false);
    expect(isOnOrBefore(at('2020-11-05T20:59:59Z'), '2020-11-05', tz)).toBe(true);
    expect(isOnOrAfter(at('2020-11-08T21:00:00Z'), '2020-11-09', tz)).toBe(true);
  });

  it('shifts days across months and years, and prints them as the instruction does', () => {
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(formatDayRu('2020-11-05')).toBe('5 ноября 2020 г.');
    expect(formatDayRu('2020-12-16')).toBe('16 декабря 2020 г.');
  });

  it("shows and reads a day as ДД.ММ.ГГГГ in forms, never in the browser's own order", () => {
    expect(formatDayNumericRu('2020-11-05')).toBe('05.11.2020');
    expect(parseDayRu('16.12.2020')).toEqual({ day: '2020-12-16' });
    expect(parseDayRu(' 5.11.2020 ')).toEqual({ day: '2020-11-05' });
    expect(parseDayRu('2020-12-16')).toEqual({ day: '2020-12-16' });
    expect(parseDayRu('29.02.2020')).toEqual({ day: '2020-02-29' });
  });

  it('says why typed text is no day: written wrong, no such day, or a year no campaign has', () => {
    for (const text of ['', '12/16/2020', '16.12.20', 'завтра', '16.12.2020 г.']) {
      expect(parseDayRu(text)).toEqual({ day: null, problem: 'format' });
    }
    for (const text of ['30.02.2021', '16.13.2020', '00.01.2021', '2021-02-30']) {
      expect(parseDayRu(text)).toEqual({ day: null, problem: 'noSuchDay' });
    }
    // A slip of the keyboard, not a campaign date: the years CampaignInput.year accepts, 2020–2100.
    for (const text of ['01.01.0000', '16.12.2002', '31.12.2019', '01.01.2101', '0001-01-01']) {
      expect(parseDayRu(text)).toEqual({ day: null, problem: 'outOfRange' });
    }
    expect(parseDayRu('01.01.2020')).toEqual({ day: '2020-01-01' });
    expect(parseDayRu('31.12.2100')).toEqual({ day: '2100-12-31' });
  });
});

describe('local day kept per quarter hour', () => {
  it('changes at local midnight in zones half and three quarters of an hour off UTC, asked in a row', () => {
    // Kolkata is UTC+5:30 (midnight at 18:30Z), Kathmandu UTC+5:45 (at 18:15Z).
    expect(localDay(at('2026-03-01T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2026-03-01');
    expect(localDay(at('2026-03-01T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-03-02');
    expect(localDay(at('2026-03-01T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2026-03-01');
    expect(localDay(at('2026-03-01T18:14:59Z'), 'Asia/Kathmandu')).toBe('2026-03-01');
    expect(localDay(at('2026-03-01T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-03-02');
  });

  it('is the zone’s own day for each zone asked within the same quarter', () => {
    const t = at('2026-11-05T14:05:00Z');
    expect(localDay(t, 'Asia/Vladivostok')).toBe('2026-11-06');
    expect(localDay(t, 'Europe/Kaliningrad')).toBe('2026-11-05');
    expect(localDay(t, 'Asia/Vladivostok')).toBe('2026-11-06');
  });

  it('formats instants before 2012 each time (local mean times of odd seconds, clocks changed at 00:01)', () => {
    // Moscow's mean time was UTC+2:30:17 until 1919: midnight fell at 21:29:43Z.
    expect(localDay(at('1900-06-01T21:29:42Z'), 'Europe/Moscow')).toBe('1900-06-01');
    expect(localDay(at('1900-06-01T21:29:44Z'), 'Europe/Moscow')).toBe('1900-06-02');
    // St. John's fell back at 00:01 local on 7 November 2010 (02:31Z): 02:30:30Z was still the
    // 7th, 02:35Z, in the same quarter hour, already the 6th again.
    expect(localDay(at('2010-11-07T02:30:30Z'), 'America/St_Johns')).toBe('2010-11-07');
    expect(localDay(at('2010-11-07T02:35:00Z'), 'America/St_Johns')).toBe('2010-11-06');
  });
});
