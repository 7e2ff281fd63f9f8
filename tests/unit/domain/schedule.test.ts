/**
 * «…график… будет доступен… не позднее 9 ноября»; codes from 15 November; the co-organizer
 * certificate from 16 December; registration during the region's window. Each in local time.
 */
import { describe, expect, it } from 'vitest';
import {
  CampaignSettings,
  canActivateCodes,
  isCoorganizerCertificateOpen,
  isRegistrationOpen,
  isScheduleVisible,
  regionWindow,
} from '../../../core/campaign.ts';

const SETTINGS: CampaignSettings = {
  tariffDeadline: '2020-11-05',
  schedulePublishedFrom: '2020-11-09',
  activationFrom: '2020-11-15',
  certificateFrom: '2020-12-16',
  pricePerParticipantKopecks: 10_000,
  regionWindows: [{ region: '77', from: '2020-11-16', to: '2020-11-20' }],
  parentConsentUpToClass: null,
  consent: { version: '2020-1', title: 'Согласие', text: 'Согласие на обработку персональных данных.' },
};
const at = (iso: string) => new Date(iso);

describe('schedule visibility', () => {
  it('is hidden the day before publication and visible from its local midnight', () => {
    expect(isScheduleVisible(SETTINGS, at('2020-11-08T20:59:59Z'), '77')).toBe(false);
    expect(isScheduleVisible(SETTINGS, at('2020-11-08T21:00:00Z'), '77')).toBe(true);
    expect(isScheduleVisible(SETTINGS, at('2020-11-08T14:00:00Z'), '25')).toBe(true);
    expect(isScheduleVisible(SETTINGS, at('2020-11-08T14:00:00Z'), '39')).toBe(false);
  });

  it('stays visible on and after the publication day', () => {
    for (const iso of ['2020-11-09T12:00:00Z', '2020-11-30T00:00:00Z', '2021-02-01T00:00:00Z']) {
      expect(isScheduleVisible(SETTINGS, at(iso), '77')).toBe(true);
    }
  });
});

describe('other dates of the campaign', () => {
  it('opens codes from 15 November and the co-organizer certificate from 16 December', () => {
    expect(canActivateCodes(SETTINGS, at('2020-11-14T20:59:59Z'), '77')).toBe(false);
    expect(canActivateCodes(SETTINGS, at('2020-11-14T21:00:00Z'), '77')).toBe(true);
    expect(isCoorganizerCertificateOpen(SETTINGS, at('2020-12-15T20:59:59Z'), '77')).toBe(false);
    expect(isCoorganizerCertificateOpen(SETTINGS, at('2020-12-15T21:00:00Z'), '77')).toBe(true);
  });

  it("opens registration only during the region's window; a region without one is closed", () => {
    expect(regionWindow(SETTINGS, '77')).toEqual({ region: '77', from: '2020-11-16', to: '2020-11-20' });
    expect(isRegistrationOpen(SETTINGS, at('2020-11-18T10:00:00Z'), '77')).toBe(true);
    expect(isRegistrationOpen(SETTINGS, at('2020-11-21T10:00:00Z'), '77')).toBe(false);
    expect(isRegistrationOpen(SETTINGS, at('2020-11-18T10:00:00Z'), '25')).toBe(false);
  });

  it('refuses settings whose window ends before it starts or whose date is malformed', () => {
    const bad = CampaignSettings.safeParse({
      ...SETTINGS,
      tariffDeadline: '2020-13-01',
      regionWindows: [{ region: '77', from: '2020-11-20', to: '2020-11-16' }],
    });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message]).sort()).toEqual([
      ['regionWindows.0.to', 'Период участия заканчивается раньше, чем начинается'],
      ['tariffDeadline', 'Такой даты нет в календаре'],
    ]);
  });
});
