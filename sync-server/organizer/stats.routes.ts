/**
 * GET /api/organizer/stats: the country view of the active campaign — participants registered,
 * activated and completed per region. Three grouped counts; cheap enough to run on demand.
 */
import { Router } from 'express';
import type { CountryStats, RegionStats, TariffTotals } from '../../core/contracts/results.ts';
import { findRegion } from '../../core/data/regions.ts';
import { WEB_SCHOOL_ID } from '../../core/web.ts';
import { requireUser } from '../auth/require-user.ts';
import { findActiveCampaign } from '../campaigns/campaign.repository.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';

type Counts = Map<string, number>;

async function countsByRegion(ctx: ServerContext, campaignId: string, stepCount: number) {
  const db = ctx.db;
  const registered = await db
    .selectFrom('participants')
    .where('campaign_id', '=', campaignId)
    .groupBy('region')
    .select((eb) => ['region', eb.fn.countAll<number>().as('n')])
    .execute();
  const activated = await db
    .selectFrom('activations')
    .innerJoin('participants', 'participants.id', 'activations.participant_id')
    .where('participants.campaign_id', '=', campaignId)
    .groupBy('participants.region')
    .select((eb) => ['participants.region as region', eb.fn.countAll<number>().as('n')])
    .execute();
  const done = db
    .selectFrom('completions')
    .where('step', '<=', stepCount)
    .groupBy('participant_id')
    .having((eb) => eb.fn.countAll(), '>=', stepCount)
    .select('participant_id');
  const completed = await db
    .selectFrom('participants')
    .where('campaign_id', '=', campaignId)
    .where('id', 'in', done)
    .groupBy('region')
    .select((eb) => ['region', eb.fn.countAll<number>().as('n')])
    .execute();
  // PostgreSQL returns count(*) as a string.
  const toMap = (rows: { region: string; n: number | string }[]): Counts =>
    new Map(rows.map((r) => [r.region, Number(r.n)]));
  return { registered: toMap(registered), activated: toMap(activated), completed: toMap(completed) };
}

const NO_TARIFFS: TariffTotals = { tariffs: 0, places: 0, used: 0, costKopecks: 0 };

/** The campaign's tariffs summed apart: the schools' and the students' individual ones. */
async function tariffTotals(ctx: ServerContext, campaignId: string): Promise<CountryStats['tariffs']> {
  const rows = await ctx.db
    .selectFrom('tariffs')
    .where('campaign_id', '=', campaignId)
    .select((eb) => [
      eb.case().when('school_id', '=', WEB_SCHOOL_ID).then(1).else(0).end().as('individual'),
      eb.fn.countAll<number>().as('tariffs'),
      eb.fn.sum<number>('participants').as('places'),
      eb.fn.sum<number>('used').as('used'),
      eb.fn.sum<number>('cost_kopecks').as('costKopecks'),
    ])
    .groupBy('individual')
    .execute();
  const out = { schools: NO_TARIFFS, individual: NO_TARIFFS };
  for (const r of rows) {
    // PostgreSQL returns counts and sums as strings.
    const totals = {
      tariffs: Number(r.tariffs),
      places: Number(r.places),
      used: Number(r.used),
      costKopecks: Number(r.costKopecks),
    };
    if (Number(r.individual) === 1) out.individual = totals;
    else out.schools = totals;
  }
  return out;
}

export async function countryStats(ctx: ServerContext): Promise<CountryStats> {
  const stepCount = loadContentPack(ctx.config.contentPackFile).steps.length;
  const campaign = await findActiveCampaign(ctx.db);
  const totals = { registered: 0, activated: 0, completed: 0 };
  if (!campaign) return { regions: [], totals, stepCount, tariffs: { schools: NO_TARIFFS, individual: NO_TARIFFS } };
  const c = await countsByRegion(ctx, campaign.id, stepCount);
  const regions: RegionStats[] = [...c.registered.keys()].sort().map((region) => ({
    region,
    regionName: findRegion(region)?.name ?? region,
    registered: c.registered.get(region) ?? 0,
    activated: c.activated.get(region) ?? 0,
    completed: c.completed.get(region) ?? 0,
  }));
  for (const r of regions) {
    totals.registered += r.registered;
    totals.activated += r.activated;
    totals.completed += r.completed;
  }
  return { regions, totals, stepCount, tariffs: await tariffTotals(ctx, campaign.id) };
}

export function statsRouter(ctx: ServerContext): Router {
  const r = Router();
  r.get('/', requireUser(ctx, 'organizer'), async (_req, res) => {
    res.json(await countryStats(ctx));
  });
  return r;
}
