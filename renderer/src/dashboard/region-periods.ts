/**
 * The regions' periods as the organizer types them, checked before «Сохранить» in the form's
 * words: which inputs are wrong and one line per kind of problem naming the regions, shown above
 * the periods. A row without a region is not sent, so it is never wrong.
 */
import { CAMPAIGN_YEARS, parseDayRu, type DayProblem } from '../../../core/calendar.ts';
import { endsBeforeStart } from '../../../core/campaign.ts';
import { REGIONS } from '../../../core/data/regions.ts';
import { dashboardMessages as d } from '../../../core/messages/cabinet-screens.ts';

export interface WindowRow {
  key: number;
  region: string;
  from: string;
  to: string;
}

type PeriodProblem = DayProblem | 'endsBeforeStart';

/** What is wrong with a row's two days; an end before the start is put on the end, as the schema does. */
export function periodProblems(w: WindowRow): { from?: PeriodProblem; to?: PeriodProblem } {
  if (!w.region) return {};
  const from = parseDayRu(w.from);
  const to = parseDayRu(w.to);
  if (from.day && to.day) return endsBeforeStart({ from: from.day, to: to.day }) ? { to: 'endsBeforeStart' } : {};
  return { ...(from.problem && { from: from.problem }), ...(to.problem && { to: to.problem }) };
}

const nameOf = (code: string) => REGIONS.find((r) => r.code === code)?.name ?? code;

const lines: [PeriodProblem, (regions: string) => string][] = [
  ['format', d.campaign.badWindowDates],
  ['noSuchDay', d.campaign.windowNoSuchDate],
  ['outOfRange', (regions) => d.campaign.windowYearOutOfRange(CAMPAIGN_YEARS.first, CAMPAIGN_YEARS.last, regions)],
  ['endsBeforeStart', d.campaign.windowEndsBeforeStart],
];

/** One line per kind of problem, each naming its regions; null when every period is right. */
export function periodsError(rows: readonly WindowRow[]): string | null {
  const found = rows.map((w) => ({ region: w.region, problems: Object.values(periodProblems(w)) }));
  const text = lines
    .map(([problem, line]) => {
      const regions = found.filter((f) => f.problems.includes(problem)).map((f) => nameOf(f.region));
      return regions.length ? line(regions.join(', ')) : null;
    })
    .filter((line) => line !== null);
  return text.length ? text.join('\n') : null;
}
