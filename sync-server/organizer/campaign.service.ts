/** Opening and editing the campaign: shared by the dashboard (PUT /api/organizer/campaign) and the CLI. */
import type { Campaign, CampaignSettings } from '../../core/campaign.ts';
import type { CampaignInput } from '../../core/contracts/organizer.ts';
import { uuidv7 } from '../../core/ids.ts';
import { findActiveCampaign, saveCampaign } from '../campaigns/campaign.repository.ts';
import type { ServerContext } from '../context.ts';

type Ctx = Pick<ServerContext, 'db' | 'now'>;

/** Opens a new campaign and makes it the active one (last year's stays, inactive, with its data). */
export async function openCampaign(ctx: Ctx, input: CampaignInput): Promise<Campaign> {
  const now = ctx.now();
  const campaign = { id: uuidv7(now), ...input };
  await saveCampaign(ctx.db, campaign, now, true);
  return campaign;
}

/** Replaces the active campaign's settings (and title, when given); undefined when none is open. */
export async function updateActiveCampaign(
  ctx: Ctx,
  settings: CampaignSettings,
  title?: string,
): Promise<Campaign | undefined> {
  const active = await findActiveCampaign(ctx.db);
  if (!active) return undefined;
  const campaign = { ...active, title: title ?? active.title, settings };
  await saveCampaign(ctx.db, campaign, ctx.now(), true);
  return campaign;
}

/** The same year edits the active campaign in place (codes and tariffs stay); a new year opens one. */
export async function putCampaign(ctx: Ctx, input: CampaignInput): Promise<{ campaign: Campaign; created: boolean }> {
  const active = await findActiveCampaign(ctx.db);
  if (active && active.year === input.year) {
    const campaign = { ...active, title: input.title, settings: input.settings };
    await saveCampaign(ctx.db, campaign, ctx.now(), true);
    return { campaign, created: false };
  }
  return { campaign: await openCampaign(ctx, input), created: true };
}
