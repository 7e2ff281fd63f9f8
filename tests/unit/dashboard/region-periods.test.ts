/**
 * The dashboard's regions' periods: a wrong period is named above the periods, on the inputs that
 * are wrong, and a row the organizer left without a region is never wrong (it is not sent).
 */
import { describe, expect, it } from 'vitest';
import { CampaignInput } from '../../../core/contracts/organizer.ts';
import { periodProblems, periodsError, type WindowRow } from '../../../renderer/src/dashboard/region-periods.ts';
import { issuesToFields } from '../../../renderer/src/lib/forms.ts';
import { openSettings } from '../../support/factories.ts';

let key = 0;
const row = (region: string, from: string, to: string): WindowRow => ({ key: key++, region, from, to });

describe("the regions' periods in the campaign form", () => {
  it('names a region whose period ends before it starts, on its «По» day', () => {
    const moscow = row('77', '20.11.2026', '16.11.2026');
    expect(periodProblems(moscow)).toEqual({ to: 'endsBeforeStart' });
    expect(periodsError([moscow, row('69', '16.11.2026', '20.11.2026')])).toBe(
      'Период заканчивается раньше, чем начинается: Москва',
    );
  });

  it('says what is wrong with the days, one line per kind, each naming its regions', () => {
    const rows = [
      row('77', '11/23/2026', '30.11.2026'),
      row('69', '31.02.2027', '01.01.0000'),
      row('25', '16.11.2002', '20.11.2026'),
    ];
    expect(periodProblems(rows[1]!)).toEqual({ from: 'noSuchDay', to: 'outOfRange' });
    expect(periodsError(rows)?.split('\n')).toEqual([
      'Проверьте даты периода (ДД.ММ.ГГГГ, например 16.11.2020): Москва',
      'В периоде указана дата, которой нет в календаре: Тверская область',
      'Даты периода должны быть с 2020 по 2100 год: Тверская область, Приморский край',
    ]);
  });

  it('leaves a row without a region alone, whatever its days', () => {
    expect(periodProblems(row('', '', ''))).toEqual({});
    expect(periodsError([row('', '', ''), row('', '20.11.2026', '16.11.2026')])).toBeNull();
  });

  it("puts the schema's own refusal of such a period above the periods, not under the row's index", () => {
    const settings = openSettings(new Date('2026-11-01T09:00:00Z'), {
      regionWindows: [{ region: '77', from: '2026-11-20', to: '2026-11-16' }],
    });
    const parsed = CampaignInput.safeParse({ year: 2026, title: 'Акция', settings });
    expect(issuesToFields(parsed.error!)).toEqual({
      regionWindows: 'Период участия заканчивается раньше, чем начинается',
    });
  });

  it("refuses days more than a year from the campaign's, naming the regions (a 2030 period in 2026)", () => {
    const settings = openSettings(new Date('2026-11-01T09:00:00Z'), {
      tariffDeadline: '2028-11-05',
      regionWindows: [
        { region: '77', from: '2030-09-01', to: '2030-09-30' },
        { region: '69', from: '2026-12-20', to: '2027-01-15' },
        { region: '25', from: '2026-11-01', to: '2029-11-02' },
      ],
    });
    const parsed = CampaignInput.safeParse({ year: 2026, title: 'Акция', settings });
    expect(issuesToFields(parsed.error!)).toEqual({
      tariffDeadline: 'Дата акции 2026 года — в 2025–2027 годах',
      regionWindows: 'Период участия в акции 2026 года — в 2025–2027 годах: Москва, Приморский край',
    });
    // Over the New Year is fine.
    const fine = openSettings(new Date('2026-11-01T09:00:00Z'), {
      regionWindows: [{ region: '69', from: '2026-12-20', to: '2027-01-15' }],
    });
    expect(CampaignInput.safeParse({ year: 2026, title: 'Акция', settings: fine }).success).toBe(true);
  });
});
