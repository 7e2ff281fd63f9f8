/** The organizer dashboard's API: the campaign's settings and the schools with their tariffs. */
import { Router } from 'express';
import { CampaignInput, SchoolsQuery } from '../../core/contracts/organizer.ts';
import { requireUser } from '../auth/require-user.ts';
import { findActiveCampaign } from '../campaigns/campaign.repository.ts';
import type { ServerContext } from '../context.ts';
import { parse } from '../http/errors.ts';
import { listSchoolsWithTotals } from '../schools/schools.totals.ts';
import { putCampaign } from './campaign.service.ts';

export function organizerRouter(ctx: ServerContext): Router {
  const r = Router();
  r.use(requireUser(ctx, 'organizer'));

  r.get('/campaign', async (_req, res) => {
    res.json({ campaign: (await findActiveCampaign(ctx.db)) ?? null });
  });
  r.put('/campaign', async (req, res) => {
    const input = parse(CampaignInput, req.body ?? {});
    const { campaign, created } = await putCampaign(ctx, input);
    ctx.log.info({ campaignId: campaign.id, created, userId: res.locals.user?.id }, 'campaign saved');
    res.status(created ? 201 : 200).json(campaign);
  });

  r.get('/schools', async (req, res) => {
    const query = parse(SchoolsQuery, req.query);
    const campaign = await findActiveCampaign(ctx.db);
    res.json(await listSchoolsWithTotals(ctx, campaign?.id ?? null, query));
  });
  return r;
}
