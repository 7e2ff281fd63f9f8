/**
 * The active campaign and its content pack, as every push and pull needs them. Cached briefly:
 * an organizer's edit reaches every node within a few seconds without a query per request.
 */
import type { Campaign } from '../../core/campaign.ts';
import type { ContentPack } from '../../core/content/schema.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';

const TTL_MS = 5_000;
let cached: { at: number; campaign: Campaign } | undefined;

export interface ActiveCampaign {
  campaign: Campaign;
  pack: ContentPack;
}

export async function activeCampaign(ctx: ServerContext): Promise<ActiveCampaign> {
  const t = Date.now();
  if (!cached || t - cached.at > TTL_MS) cached = { at: t, campaign: await requireActiveCampaign(ctx.db) };
  return { campaign: cached.campaign, pack: loadContentPack(ctx.config.contentPackFile) };
}

/** Tests and the organizer's campaign edit call this so the next request sees the change. */
export function forgetActiveCampaign(): void {
  cached = undefined;
}
