/** Opening and editing the campaign: shared by the dashboard (PUT /api/organizer/campaign) and the CLI. */
import type { Transaction } from 'kysely';
import { localDay } from '../../core/calendar.ts';
import type { Campaign, CampaignSettings } from '../../core/campaign.ts';
import type { ConsentDocument } from '../../core/consent.ts';
import type { CampaignInput } from '../../core/contracts/organizer.ts';
import { uuidv7 } from '../../core/ids.ts';
import { consentServerMessages as m } from '../../core/messages/consent.ts';
import { findActiveCampaign, writeCampaign } from '../campaigns/campaign.repository.ts';
import { findConsentVersion, insertConsentVersion } from '../campaigns/consent.repository.ts';
import type { ServerContext } from '../context.ts';
import type { CentralDB } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import { forgetActiveCampaign } from '../sync/campaign-cache.ts';

type Ctx = Pick<ServerContext, 'db' | 'now'>;

// Sync keeps the active campaign cached for a few seconds; an edit on this node shows at once.
async function save(ctx: Ctx, campaign: Campaign, by: string | null): Promise<Campaign> {
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const consent = await publishConsent(trx, ctx.now(), campaign.id, campaign.settings.consent, by);
    const c = { ...campaign, settings: { ...campaign.settings, consent } };
    await writeCampaign(trx, c, ctx.now(), true);
    return c;
  });
  forgetActiveCampaign();
  return saved;
}

/**
 * A consent version is published once and never changes: what a student accepted stays readable
 * as they read it. A new version is kept from the day it is saved (its effective day); the same
 * version with other words is refused, so the organizer names a new one.
 */
async function publishConsent(
  trx: Transaction<CentralDB>,
  now: number,
  campaignId: string,
  doc: ConsentDocument,
  by: string | null,
): Promise<ConsentDocument> {
  const published = await findConsentVersion(trx, campaignId, doc.version);
  if (published) {
    if (published.text !== doc.text || published.title !== doc.title) {
      const message = m.versionPublished(doc.version);
      throw new HttpError(409, 'CONSENT_VERSION_PUBLISHED', message, { 'settings.consent.version': message });
    }
    return {
      version: published.version,
      title: published.title,
      text: published.text,
      effectiveFrom: published.effectiveFrom,
    };
  }
  // The organizer works in Moscow time, as the campaign's own days do.
  const fresh = { ...doc, effectiveFrom: localDay(new Date(now), 'Europe/Moscow') };
  await insertConsentVersion(trx, campaignId, { ...fresh, publishedAt: now }, by);
  return fresh;
}

/** Opens a new campaign and makes it the active one (last year's stays, inactive, with its data). */
export async function openCampaign(ctx: Ctx, input: CampaignInput, by: string | null = null): Promise<Campaign> {
  return save(ctx, { id: uuidv7(ctx.now()), ...input }, by);
}

/** Replaces the active campaign's settings (and title, when given); undefined when none is open. */
export async function updateActiveCampaign(
  ctx: Ctx,
  settings: CampaignSettings,
  title?: string,
): Promise<Campaign | undefined> {
  const active = await findActiveCampaign(ctx.db);
  if (!active) return undefined;
  return save(ctx, { ...active, title: title ?? active.title, settings }, null);
}

/** The same year edits the active campaign in place (codes and tariffs stay); a new year opens one. */
export async function putCampaign(
  ctx: Ctx,
  input: CampaignInput,
  by: string | null = null,
): Promise<{ campaign: Campaign; created: boolean }> {
  const active = await findActiveCampaign(ctx.db);
  if (active && active.year === input.year) {
    const campaign = await save(ctx, { ...active, title: input.title, settings: input.settings }, by);
    return { campaign, created: false };
  }
  return { campaign: await openCampaign(ctx, input, by), created: true };
}
