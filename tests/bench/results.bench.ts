/**
 * «Результаты» for a school of 2 000 students who all did the 12 steps, among other schools of
 * the same size: the page's data over HTTP (first page, a name search, class + status filter, the
 * last page sorted by steps) and one student's result on screen, p50/p95 per dialect. Beside them,
 * in the same run, the baseline: a bare indexed SELECT of the same page of 25 names straight from
 * the store. BENCH_RESULTS_OTHER_SCHOOLS sets how many other schools share the store (5).
 * Run alone: node --import tsx tests/bench/results.bench.ts
 */
import { performance } from 'node:perf_hooks';
import type { ResultsPage } from '../../core/contracts/results.ts';
import { loadContentPack } from '../../sync-server/content/content.service.ts';
import { loadConfig } from '../../sync-server/config.ts';
import type { Dialect } from '../../sync-server/db/connect.ts';
import { createLogger } from '../../sync-server/logger.ts';
import { startServer } from '../../sync-server/server.ts';
import { Client, createCoorganizer, PASSWORD } from '../integration/accounts/helpers.ts';
import { stepAnswers } from '../support/answers.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { createCampaign, createSchool, FIXED_HASH } from '../support/factories.ts';

const STUDENTS = 2_000;
const OTHER_SCHOOLS = Number(process.env.BENCH_RESULTS_OTHER_SCHOOLS ?? 5);
const RUNS = 40;
const CLASSES = [5, 6, 7, 8, 9, 10, 11].flatMap((g) => ['А', 'Б', 'В', 'Г'].map((l) => `${g}${l}`));
const SURNAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: Math.round(percentile(times, 50) * 10) / 10, p95: Math.round(percentile(times, 95) * 10) / 10 };
}

async function benchDialect(dialect: Dialect): Promise<Record<string, number>> {
  const store = await freshStore(dialect);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
  const server = await startServer({ config, store, log: createLogger('silent') });
  const out: Record<string, number> = {};
  try {
    const { ctx } = server;
    const pack = loadContentPack(config.contentPackFile);
    const steps = pack.steps.length;
    const campaign = await createCampaign(ctx);
    // Real answers, so the student's result is scored as in the field.
    const answers = pack.steps.map((s) => JSON.stringify(stepAnswers(s)));
    const seedStart = performance.now();
    let school = '';
    for (let k = 0; k <= OTHER_SCHOOLS; k++) {
      const s = await createSchool(ctx, '77', `Школа № ${k + 1}`);
      if (k === 0) school = s.id;
      const codes = Array.from({ length: 20 }, (_, i) => `B${String(k).padStart(3, '0')}${String(i).padStart(3, '0')}`);
      await ctx.db
        .insertInto('tariffs')
        .values(
          codes.map((code, i) => ({
            id: `t-${k}-${i}`,
            campaign_id: campaign.id,
            school_id: s.id,
            participants: 100,
            cost_kopecks: 1_000_000,
            code,
            used: 100,
            reserved: 0,
            created_by: 'bench',
            created_at: i,
          })),
        )
        .execute();
      for (let from = 0; from < STUDENTS; from += 250) {
        const ids = Array.from({ length: 250 }, (_, i) => `p-${k}-${from + i}`);
        await ctx.db
          .insertInto('participants')
          .values(
            ids.map((id, i) => ({
              id,
              school_id: s.id,
              campaign_id: campaign.id,
              surname: `${SURNAMES[(from + i) % SURNAMES.length]}${from + i}`,
              name: 'Иван',
              region: '77',
              locality: 'Москва',
              school_name: s.name,
              school_class: CLASSES[(from + i) % CLASSES.length]!,
              gender: 'male',
              email: `${id}@bench.ru`,
              password_hash: FIXED_HASH,
              consent_version: 'v1',
              consent_at: 0,
              created_at: from + i,
            })),
          )
          .execute();
        await ctx.db
          .insertInto('activations')
          .values(
            ids.map((id, i) => ({
              id: `a-${id}`,
              participant_id: id,
              code: codes[Math.floor((from + i) / 100)]!,
              school_id: s.id,
              device_id: null,
              lease_id: null,
              status: 'confirmed',
              created_at: 0,
            })),
          )
          .execute();
        await ctx.db
          .insertInto('completions')
          .values(
            ids.flatMap((id) =>
              answers.map((a, st) => ({
                participant_id: id,
                step: st + 1,
                id: `c-${id}-${st + 1}`,
                answers: a,
                completed_at: 0,
              })),
            ),
          )
          .execute();
      }
    }
    out[`results ${dialect} seed s`] = Math.round((performance.now() - seedStart) / 100) / 10;
    console.log(
      `  seeded ${OTHER_SCHOOLS + 1} schools × ${STUDENTS} students × ${steps} steps in ${out[`results ${dialect} seed s`]} s`,
    );

    const coorg = new Client(server.url);
    await coorg.login((await createCoorganizer(ctx, school)).email, PASSWORD);
    // Figures are of right answers only.
    const first = await coorg.get<ResultsPage>('/api/cabinet/results');
    if (first.status !== 200 || first.body.total !== STUDENTS || first.body.counts.finished !== STUDENTS) {
      throw new Error(`the results page counts wrong: ${first.status} ${JSON.stringify(first.body.counts)}`);
    }
    const baseline = await timed(() =>
      ctx.db
        .selectFrom('participants')
        .select(['id', 'surname', 'name', 'school_class'])
        .where('school_id', '=', school)
        .where('campaign_id', '=', campaign.id)
        .orderBy('surname')
        .orderBy('name')
        .orderBy('id')
        .limit(25)
        .execute(),
    );
    out[`results ${dialect} baseline bare SELECT of a page p95 ms`] = baseline.p95;
    console.log(`  baseline, a bare indexed SELECT of 25 names: p50 ${baseline.p50} ms, p95 ${baseline.p95} ms`);
    const pages: [string, string][] = [
      ['first page', '/api/cabinet/results'],
      ['name search', `/api/cabinet/results?q=${encodeURIComponent('соколов1')}`],
      ['class + status', `/api/cabinet/results?schoolClass=${encodeURIComponent('9Б')}&status=finished`],
      ['last page by steps', '/api/cabinet/results?sort=steps&page=80'],
      ['one student on screen', `/api/cabinet/results/students/p-0-1234`],
    ];
    for (const [name, path] of pages) {
      const t = await timed(async () => {
        const r = await coorg.get(path);
        if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      });
      out[`results ${dialect} ${name} p50 ms`] = t.p50;
      out[`results ${dialect} ${name} p95 ms`] = t.p95;
      console.log(`  ${name}: p50 ${t.p50} ms, p95 ${t.p95} ms (target p95 < 200 ms)`);
    }
  } finally {
    await server.close();
    await store.close();
  }
  return out;
}

export async function benchResults(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  // BENCH_RESULTS_DIALECT=sqlite (or postgres) measures one.
  const only = process.env.BENCH_RESULTS_DIALECT;
  for (const dialect of DIALECTS.filter((d) => !only || d === only)) {
    console.log(` ${dialect}:`);
    Object.assign(out, await benchDialect(dialect));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchResults(), null, 2));
  process.exit(0);
}
