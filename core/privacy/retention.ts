/**
 * How long a campaign's personal data is kept: `retentionDays` after the campaign's end (its
 * last dated day), then every participant of the campaign is erased (erasure.ts) by the server's
 * scheduled job and by every kiosk from the campaign's settings it pulls, so an offline PC also
 * forgets on time. Days are the server's (Moscow) calendar: one date for the whole country.
 */
import { addDays, localDay, type IsoDate } from '../calendar.ts';
import type { CampaignSettings } from '../campaign.ts';

const RETENTION_TIME_ZONE = 'Europe/Moscow';

/** The campaign's last dated day: the latest of its dates and of its regions' periods. */
export function campaignEnd(s: CampaignSettings): IsoDate {
  const days = [s.tariffDeadline, s.schedulePublishedFrom, s.activationFrom, s.certificateFrom];
  for (const w of s.regionWindows) days.push(w.to);
  return days.reduce((a, b) => (b > a ? b : a));
}

/** The last day personal data is kept, or null while the organizer has set no retention. */
export function keptUntil(s: CampaignSettings): IsoDate | null {
  return s.retentionDays === undefined ? null : addDays(campaignEnd(s), s.retentionDays);
}

/** True once the day after `last` (a keptUntil) has begun; never while no retention is set. */
export function isPastKeeping(last: IsoDate | null, now: Date): boolean {
  return last !== null && localDay(now, RETENTION_TIME_ZONE) > last;
}

/** True once the day after keptUntil has begun. */
export function isPastRetention(s: CampaignSettings, now: Date): boolean {
  return isPastKeeping(keptUntil(s), now);
}
