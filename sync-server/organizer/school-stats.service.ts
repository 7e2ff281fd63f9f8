/**
 * Each school's participant numbers, kept in school_stats so «Акция в цифрах» adds up one row per
 * school instead of counting a million participants and twelve million step results per request.
 * A school's row is recomputed from its own participants (indexed) once its change feed has moved
 * past the row's `seq`: registrations, codes, steps and certificates all write that feed. The
 * recount runs before the numbers are read, and in the background (server.ts), so it stays small.
 */
import { findActiveCampaign } from '../campaigns/campaign.repository.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';
import * as q from './overview.repository.ts';

const BATCH = 500;

async function recountBatch(ctx: ServerContext, campaignId: string, stepCount: number): Promise<number> {
  const stale = await q.staleSchools(ctx.db, campaignId, BATCH);
  if (stale.length === 0) return 0;
  const scope: q.Scope = { kind: 'schools', ids: stale.map((s) => s.id) };
  const [t, registered, activated, funnel, finished, certificates] = await Promise.all([
    q.tariffsBy(ctx.db, scope, campaignId),
    q.registeredBy(ctx.db, scope, campaignId),
    q.activatedBy(ctx.db, scope, campaignId),
    q.funnelBy(ctx.db, scope, campaignId, stepCount),
    q.finishedBy(ctx.db, scope, campaignId, stepCount),
    q.certificatesBy(ctx.db, scope, campaignId),
  ]);
  const n = (m: Map<string, number>, id: string) => m.get(id) ?? 0;
  await q.saveSchoolStats(
    ctx.db,
    campaignId,
    stale.map((s) => ({
      schoolId: s.id,
      // As read before counting: a change committed meanwhile leaves the row stale, recounted next time.
      seq: Number(s.change_seq),
      tariffs: n(t.tariffs, s.id),
      places: n(t.places, s.id),
      moneyKopecks: n(t.money, s.id),
      registered: n(registered, s.id),
      activated: n(activated, s.id),
      finished: n(finished, s.id),
      certificates: n(certificates, s.id),
      funnel: funnel.get(s.id) ?? Array<number>(stepCount).fill(0),
    })),
    ctx.now(),
  );
  return stale.length;
}

const running = new Map<string, Promise<number>>();

/**
 * Looking for stale schools reads every school (a join of two 40 000-row tables): at most once a
 * second per node, and at once after this node wrote something (its own writes are always
 * counted; another node's within a second).
 */
const FRESH_MS = 1_000;
const checked = new WeakMap<object, { at: number; changed: boolean }>();

/** Called for every change this node commits (server.ts wraps ctx.nudge). */
export function noteSchoolChanged(db: object): void {
  const c = checked.get(db);
  if (c) c.changed = true;
}

/** refreshSchoolStats unless this node looked less than a second ago and wrote nothing since. */
export async function ensureFreshStats(ctx: ServerContext, campaignId: string, stepCount: number): Promise<void> {
  const c = checked.get(ctx.db);
  const now = Date.now();
  if (c && !c.changed && now - c.at < FRESH_MS) return;
  checked.set(ctx.db, { at: now, changed: false });
  await refreshSchoolStats(ctx, campaignId, stepCount);
}

/** Recounts every stale school of the campaign; returns how many. One run at a time per node. */
export async function refreshSchoolStats(ctx: ServerContext, campaignId: string, stepCount: number): Promise<number> {
  // A run already going may have read the list before the latest change: wait for it, then look again.
  await running.get(campaignId)?.catch(() => 0);
  const run = (async () => {
    let total = 0;
    for (;;) {
      const n = await recountBatch(ctx, campaignId, stepCount);
      total += n;
      if (n < BATCH) return total;
    }
  })();
  running.set(campaignId, run);
  try {
    return await run;
  } finally {
    if (running.get(campaignId) === run) running.delete(campaignId);
  }
}

const EVERY_MS = 15_000;

/**
 * Recounts stale schools of the active campaign every 15 s, so the dashboard's own recount finds
 * little to do; stop() waits for a run in progress (the store closes after it).
 */
export function keepSchoolStatsFresh(ctx: ServerContext): { stop(): Promise<void> } {
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = (async () => {
      const campaign = await findActiveCampaign(ctx.db);
      if (!campaign) return;
      const steps = loadContentPack(ctx.config.contentPackFile).steps.length;
      const n = await refreshSchoolStats(ctx, campaign.id, steps);
      if (n > 0) ctx.log.debug({ schools: n }, 'school stats recounted');
    })().catch((err: unknown) => ctx.log.warn({ err }, 'school stats recount failed'));
  };
  const timer = setInterval(tick, EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}

/** A school's stored numbers, as each node mirrors them. */
export type SchoolNumbers = Omit<q.SchoolStatsRow, 'schoolId' | 'seq'> & { id: string; region: string };

/**
 * Rows are re-read for two seconds after they were recounted: a recount's time is taken just
 * before its write commits, and nodes' clocks (NTP) differ by far less.
 */
const REREAD_MS = 2_000;
const mirrors = new WeakMap<object, { campaignId: string; since: number; rows: Map<string, SchoolNumbers> }>();

/**
 * Every school's numbers in the campaign, kept in this node's memory and brought up to date by
 * reading only the rows recounted since the last look (an indexed range), so the country's view
 * adds up 40 000 small records in memory instead of reading them all each time.
 */
export async function schoolNumbers(ctx: ServerContext, campaignId: string): Promise<Map<string, SchoolNumbers>> {
  let m = mirrors.get(ctx.db);
  if (!m || m.campaignId !== campaignId) {
    m = { campaignId, since: 0, rows: new Map() };
    mirrors.set(ctx.db, m);
  }
  const changed = await q.statsRecountedSince(ctx.db, campaignId, Math.max(0, m.since - REREAD_MS));
  for (const r of changed) {
    m.rows.set(r.id, {
      id: r.id,
      region: r.region,
      tariffs: Number(r.tariffs),
      places: Number(r.places),
      moneyKopecks: Number(r.money_kopecks),
      registered: Number(r.registered),
      activated: Number(r.activated),
      finished: Number(r.finished),
      certificates: Number(r.certificates),
      funnel: JSON.parse(r.funnel) as number[],
    });
    m.since = Math.max(m.since, Number(r.computed_at));
  }
  return m.rows;
}
