/** Opening and editing the campaign: shared by the dashboard (PUT /api/organizer/campaign) and the CLI. */
import type { Campaign, CampaignSettings } from '../../core/campaign.ts';
import type { CampaignInput } from '../../core/contracts/organizer.ts';
import { uuidv7 } from '../../core/ids.ts';
import { findActiveCampaign, saveCampaign } from '../campaigns/campaign.repository.ts';
import type { ServerContext } from '../context.ts';
import { forgetActiveCampaign } from '../sync/campaign-cache.ts';

type Ctx = Pick<ServerContext, 'db' | 'now'>;

// Sync keeps the active campaign cached for a few seconds; an edit on this node shows at once.
async function save(ctx: Ctx, campaign: Campaign): Promise<Campaign> {
  await saveCampaign(ctx.db, campaign, ctx.now(), true);
  forgetActiveCampaign();
  return campaign;
}

/** Opens a new campaign and makes it the active one (last year's stays, inactive, with its data). */
export async function openCampaign(ctx: Ctx, input: CampaignInput): Promise<Campaign> {
  return save(ctx, { id: uuidv7(ctx.now()), ...input });
}

/** Replaces the active campaign's settings (and title, when given); undefined when none is open. */
export async function updateActiveCampaign(
  ctx: Ctx,
  settings: CampaignSettings,
  title?: string,
): Promise<Campaign | undefined> {
  const active = await findActiveCampaign(ctx.db);
  if (!active) return undefined;
  return save(ctx, { ...active, title: title ?? active.title, settings });
}

/** The same year edits the active campaign in place (codes and tariffs stay); a new year opens one. */
export async function putCampaign(ctx: Ctx, input: CampaignInput): Promise<{ campaign: Campaign; created: boolean }> {
  const active = await findActiveCampaign(ctx.db);
  if (active && active.year === input.year) {
    return { campaign: await save(ctx, { ...active, title: input.title, settings: input.settings }), created: false };
  }
  return { campaign: await openCampaign(ctx, input), created: true };
}
