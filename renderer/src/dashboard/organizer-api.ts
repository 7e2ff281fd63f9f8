/** The dashboard's calls to /api/organizer, typed by the shared contracts. */
import { Campaign } from '../../../core/campaign.ts';
import type { CampaignInput, SchoolsQuery } from '../../../core/contracts/organizer.ts';
import { OrganizerCampaign, SchoolsPage } from '../../../core/contracts/organizer.ts';
import { CountryStats } from '../../../core/contracts/results.ts';
import { call } from '../cabinet/api/http.ts';

export const organizerApi = {
  campaign: () => call(OrganizerCampaign, 'GET', '/api/organizer/campaign'),
  save: (input: CampaignInput) => call(Campaign, 'PUT', '/api/organizer/campaign', input),
  schools: (q: Partial<SchoolsQuery>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
    return call(SchoolsPage, 'GET', `/api/organizer/schools?${params}`);
  },
  stats: () => call(CountryStats, 'GET', '/api/organizer/stats'),
};
