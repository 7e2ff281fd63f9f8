/** The context the server decides a device's (or a web session's) mutations in. */
import type { CampaignSettings } from '../../core/campaign.ts';
import type { Step } from '../../core/content/schema.ts';
import type { DecideContext } from '../../core/mutations/decide.ts';

/** How far back a device's (server-corrected) timestamp is believed when judging date rules. */
export const MAX_OFFLINE_MS = 14 * 24 * 3_600_000;

export interface Campaignish {
  id: string;
  settings: CampaignSettings;
  steps: readonly Step[];
}

export interface Source {
  deviceId: string | null;
  schoolId: string;
}

/**
 * Returns the context for a mutation made at `at`: date rules are judged at the device's time,
 * believed back to MAX_OFFLINE_MS and never in the future of the server's.
 */
export function decideContext(campaign: Campaignish, source: Source, now: number) {
  return (at: number): DecideContext => ({
    now: new Date(Math.min(now, Math.max(at, now - MAX_OFFLINE_MS))),
    campaignId: campaign.id,
    settings: campaign.settings,
    steps: campaign.steps,
    schoolId: source.schoolId,
    deviceId: source.deviceId,
    authority: true,
  });
}
