/** «Акция в цифрах»: the country by region, a region by school, one school with its people and PCs. */
import type { Metrics, Overview, OverviewQuery, SchoolDetail } from '../../core/contracts/dashboard.ts';
import { findRegion, REGIONS } from '../../core/data/regions.ts';
import { WEB_SCHOOL_ID } from '../../core/web.ts';
import { overviewMessages as m } from '../../core/messages/dashboard.ts';
import { findActiveCampaign } from '../campaigns/campaign.repository.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';
import { listDevices } from '../devices/devices.service.ts';
import { HttpError } from '../http/errors.ts';
import { findSchool } from '../schools/schools.repository.ts';
import * as q from './overview.repository.ts';
import { schoolTariffs } from '../tariffs/tariffs.repository.ts';
import { ensureFreshStats, schoolNumbers } from './school-stats.service.ts';

const emptyMetrics = (stepCount: number): Metrics => ({
  schools: 0,
  coorganizers: 0,
  tariffs: 0,
  places: 0,
  moneyKopecks: 0,
  registered: 0,
  activated: 0,
  funnel: Array<number>(stepCount).fill(0),
  finished: 0,
  certificates: 0,
});

/** Every count of a scope, by key (a region code or a school id). */
async function metricsBy(ctx: ServerContext, scope: q.Scope, campaignId: string | null, stepCount: number) {
  const none = () => new Map<string, number>();
  const by = {
    schools: none(),
    coorganizers: await q.coorganizersBy(ctx.db, scope),
    ...{ tariffs: none(), places: none(), money: none() },
    registered: none(),
    activated: none(),
    finished: none(),
    certificates: none(),
    funnel: new Map<string, number[]>(),
  };
  // Without a campaign there are only schools to count; with one, each has its stats row.
  if (!campaignId) return { ...by, schools: await q.schoolsBy(ctx.db, scope) };
  await ensureFreshStats(ctx, campaignId, stepCount);
  const numbers = await schoolNumbers(ctx, campaignId);
  const stored =
    scope.kind === 'school'
      ? [numbers.get(scope.schoolId)].filter((r) => r !== undefined)
      : scope.kind === 'region'
        ? [...numbers.values()].filter((r) => r.region === scope.region).filter((r) => r.id !== WEB_SCHOOL_ID)
        : [...numbers.values()].filter((r) => r.id !== WEB_SCHOOL_ID);
  const add = (m: Map<string, number>, key: string, v: number) => m.set(key, (m.get(key) ?? 0) + v);
  for (const r of stored) {
    const key = scope.kind === 'country' ? r.region : r.id;
    add(by.schools, key, 1);
    add(by.tariffs, key, r.tariffs);
    add(by.places, key, r.places);
    add(by.money, key, r.moneyKopecks);
    add(by.registered, key, r.registered);
    add(by.activated, key, r.activated);
    add(by.finished, key, r.finished);
    add(by.certificates, key, r.certificates);
    const sum = by.funnel.get(key) ?? Array<number>(stepCount).fill(0);
    by.funnel.set(
      key,
      sum.map((v, i) => v + (r.funnel[i] ?? 0)),
    );
  }
  return by;
}

type ByKey = Awaited<ReturnType<typeof metricsBy>>;

function metricsOf(by: ByKey, key: string, stepCount: number): Metrics {
  const n = (m: Map<string, number>) => m.get(key) ?? 0;
  return {
    schools: n(by.schools),
    coorganizers: n(by.coorganizers),
    tariffs: n(by.tariffs),
    places: n(by.places),
    moneyKopecks: n(by.money),
    registered: n(by.registered),
    activated: n(by.activated),
    funnel: by.funnel.get(key) ?? Array<number>(stepCount).fill(0),
    finished: n(by.finished),
    certificates: n(by.certificates),
  };
}

function add(total: Metrics, m: Metrics): Metrics {
  return {
    schools: total.schools + m.schools,
    coorganizers: total.coorganizers + m.coorganizers,
    tariffs: total.tariffs + m.tariffs,
    places: total.places + m.places,
    moneyKopecks: total.moneyKopecks + m.moneyKopecks,
    registered: total.registered + m.registered,
    activated: total.activated + m.activated,
    funnel: total.funnel.map((v, i) => v + (m.funnel[i] ?? 0)),
    finished: total.finished + m.finished,
    certificates: total.certificates + m.certificates,
  };
}

const stepCountOf = (ctx: ServerContext) => loadContentPack(ctx.config.contentPackFile).steps.length;

/** The country by region (every region with a school), or one region by school. */
export async function overview(ctx: ServerContext, query: OverviewQuery): Promise<Overview> {
  const stepCount = stepCountOf(ctx);
  const campaign = await findActiveCampaign(ctx.db);
  const campaignId = campaign?.id ?? null;
  let rows: Overview['rows'];
  if (query.region) {
    const scope: q.Scope = { kind: 'region', region: query.region };
    const [by, schools] = await Promise.all([
      metricsBy(ctx, scope, campaignId, stepCount),
      q.listSchools(ctx.db, scope),
    ]);
    rows = schools.map((s) => ({ key: s.id, name: s.name, locality: s.locality, ...metricsOf(by, s.id, stepCount) }));
  } else {
    const by = await metricsBy(ctx, { kind: 'country' }, campaignId, stepCount);
    rows = REGIONS.filter((r) => by.schools.has(r.code)).map((r) => ({
      key: r.code,
      name: r.name,
      ...metricsOf(by, r.code, stepCount),
    }));
  }
  const totals = rows.reduce<Metrics>((t, r) => add(t, r), emptyMetrics(stepCount));
  // Students taking part from home on an individual tariff (core/web.ts) are counted apart from schools.
  const individual = query.region
    ? null
    : metricsOf(
        await metricsBy(ctx, { kind: 'school', schoolId: WEB_SCHOOL_ID }, campaignId, stepCount),
        WEB_SCHOOL_ID,
        stepCount,
      );
  const region = query.region ? { code: query.region, name: findRegion(query.region)?.name ?? query.region } : null;
  return { region, campaignTitle: campaign?.title ?? null, stepCount, rows, totals, individual };
}

/** One school: its numbers, co-organizers, tariffs in the active campaign and PCs. */
export async function schoolDetail(ctx: ServerContext, schoolId: string): Promise<SchoolDetail> {
  const school = await findSchool(ctx.db, schoolId);
  if (!school) throw new HttpError(404, 'SCHOOL_NOT_FOUND', m.schoolNotFound);
  const stepCount = stepCountOf(ctx);
  const campaign = await findActiveCampaign(ctx.db);
  const by = await metricsBy(ctx, { kind: 'school', schoolId }, campaign?.id ?? null, stepCount);
  const [coorganizers, tariffs, devices] = await Promise.all([
    q.coorganizersOf(ctx.db, schoolId),
    campaign ? schoolTariffs(ctx.db, schoolId, campaign.id).execute() : Promise.resolve([]),
    listDevices(ctx, schoolId),
  ]);
  return {
    school,
    stepCount,
    metrics: metricsOf(by, schoolId, stepCount),
    coorganizers,
    tariffs: tariffs.map((t) => ({
      code: t.code,
      participants: t.participants,
      used: Number(t.used),
      costKopecks: t.cost_kopecks,
      createdAt: t.created_at,
    })),
    devices,
  };
}
