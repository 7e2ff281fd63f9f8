/**
 * «Акция в цифрах» and technical support at national scale, on PostgreSQL: a generator writes
 * 40 000 schools with co-organizers, tariffs and two PCs each, 1 000 000 participants (90 % with
 * a code, half with a certificate) and 12 000 000 step results into a scratch schema (dropped
 * after), then each aggregate endpoint is timed over HTTP. BENCH_PARTICIPANTS scales it down
 * (BENCH_SCHOOLS sets the schools apart, 1 per 25 participants by default).
 */
import { sql } from 'kysely';
import type { Overview } from '../../core/contracts/dashboard.ts';
import { REGION_CODES } from '../../core/data/regions.ts';
import { createLogger } from '../../sync-server/logger.ts';
import { loadConfig } from '../../sync-server/config.ts';
import { refreshSchoolStats } from '../../sync-server/organizer/school-stats.service.ts';
import { startServer } from '../../sync-server/server.ts';
import { Client, createOrganizer, PASSWORD } from '../integration/accounts/helpers.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { createCampaign, FIXED_HASH } from '../support/factories.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 1_000_000);
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? Math.max(10, Math.round(PARTICIPANTS / 25)));
const STEPS = 12;
const RUNS = 40;

const seconds = (ms: number) => Math.round(ms / 100) / 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchDashboard(): Promise<Record<string, number>> {
  if (!DIALECTS.includes('postgres')) {
    console.log('PostgreSQL is not reachable: the national-scale dashboard bench is skipped');
    return {};
  }
  const store = await freshStore('postgres');
  const config = { ...loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }) };
  const server = await startServer({ config, store, log: createLogger('silent') });
  const out: Record<string, number> = {};
  try {
    const { ctx } = server;
    const campaign = await createCampaign(ctx);
    const regions = sql.raw(`array[${REGION_CODES.map((c) => `'${c}'`).join(',')}]`);
    const school = (g: string) => sql.raw(`'s' || lpad((${g})::text, 7, '0')`);
    const k = `1 + g % ${SCHOOLS}`; // a participant's school number
    const steps: [string, ReturnType<typeof sql>][] = [
      [
        'schools',
        sql`insert into schools (id, region, locality, name, change_seq, created_at)
          select ${school('g')}, (${regions})[1 + g % ${REGION_CODES.length}], 'Город ' || (g % 700),
                 'Школа № ' || g, 1, 0 from generate_series(1, ${SCHOOLS}) g`,
      ],
      [
        'co-organizers',
        sql`insert into users (id, role, email, full_name, password_hash, school_id, created_at)
          select 'u' || g, 'coorganizer', 'co' || g || '@bench.ru', 'Соорганизатор ' || g, ${FIXED_HASH},
                 ${school('g')}, 0 from generate_series(1, ${SCHOOLS}) g`,
      ],
      [
        'tariffs',
        sql`insert into tariffs (id, campaign_id, school_id, participants, cost_kopecks, code, used, reserved, created_by, created_at)
          select 't' || g, ${campaign.id}, ${school('g')}, 30, 450000, 'C' || lpad(g::text, 7, '0'), 23, 0, 'bench', 0
          from generate_series(1, ${SCHOOLS}) g`,
      ],
      [
        'PCs',
        sql`insert into devices (id, school_id, name, credential_hash, instance_id, enrolled_at, last_seen_at, pending,
                                 oldest_pending_at, clock_offset_ms, app_version)
          select 'd' || g, ${school(`1 + g % ${SCHOOLS}`)}, 'ПК ' || g, 'h' || g, 'i' || g, 0,
                 ${Date.now()}::bigint - (g % 97) * 3600000, g % 7, ${Date.now()}::bigint - (g % 50) * 3600000,
                 (g % 211 - 105) * 3000, '1.0.' || (g % 5)
          from generate_series(1, ${SCHOOLS * 2}) g`,
      ],
      [
        'participants',
        sql`insert into participants (id, school_id, campaign_id, surname, name, region, locality, school_name, school_class,
                                      gender, email, password_hash, consent_version, consent_at, created_at)
          select 'p' || g, ${school(k)}, ${campaign.id}, 'Фамилия' || (g % 5000), 'Имя' || (g % 300),
                 (${regions})[1 + (${sql.raw(k)}) % ${REGION_CODES.length}], 'Город', 'Школа', '8А', 'female',
                 'p' || g || '@bench.ru', ${FIXED_HASH}, 'v1', 0, g
          from generate_series(1, ${PARTICIPANTS}) g`,
      ],
      [
        'activations',
        sql`insert into activations (id, participant_id, code, school_id, device_id, lease_id, status, created_at)
          select 'a' || g, 'p' || g, 'C' || lpad((${sql.raw(k)})::text, 7, '0'), ${school(k)}, null, null, 'confirmed', 0
          from generate_series(1, ${PARTICIPANTS}) g where g % 10 <> 0`,
      ],
      [
        'step results',
        sql`insert into completions (participant_id, step, id, answers, completed_at)
          select 'p' || g, st, 'c' || g || '-' || st, '{}', 0
          from generate_series(1, ${PARTICIPANTS}) g, generate_series(1, ${STEPS}) st`,
      ],
      [
        'certificates',
        sql`insert into certificates (serial, kind, subject_id, campaign_id, name, school_name, issued_at)
          select 'S' || g, 'participant', 'p' || g, ${campaign.id}, 'Участник', 'Школа', 0
          from generate_series(1, ${PARTICIPANTS}) g where g % 2 = 0`,
      ],
    ];
    const seedStart = performance.now();
    for (const [what, statement] of steps) {
      const t = performance.now();
      await statement.execute(ctx.db);
      console.log(`  ${what}: ${seconds(performance.now() - t)} s`);
    }
    // Sync moves a school's feed with every such row; the generator moves each once at the end
    // (a background recount during the load would otherwise keep half-loaded numbers).
    await sql`update schools set change_seq = change_seq + 1`.execute(ctx.db);
    await sql`analyze`.execute(ctx.db);
    out['dashboard seed s'] = seconds(performance.now() - seedStart);
    console.log(
      `seeded ${PARTICIPANTS} participants, ${PARTICIPANTS * STEPS} step results, ${SCHOOLS} schools in ${out['dashboard seed s']} s`,
    );

    let t = performance.now();
    await refreshSchoolStats(ctx, campaign.id, STEPS);
    out['dashboard school stats first build ms'] = Math.round(performance.now() - t);
    console.log(`school stats built from scratch in ${out['dashboard school stats first build ms']} ms`);

    const org = new Client(server.url);
    await org.login((await createOrganizer(ctx)).email, PASSWORD);
    // The figures are of right answers only.
    const totals = (await org.get<Overview>('/api/organizer/overview')).body.totals;
    if (totals.registered !== PARTICIPANTS || totals.funnel[STEPS - 1] !== PARTICIPANTS || totals.schools !== SCHOOLS) {
      throw new Error(`the overview counts wrong: ${JSON.stringify(totals)}`);
    }
    const endpoints: [string, string][] = [
      ['overview country', '/api/organizer/overview'],
      ['overview region', '/api/organizer/overview?region=77'],
      ['school detail', `/api/organizer/schools/s${String(77).padStart(7, '0')}/detail`],
      ['fleet alerts', '/api/support/devices?show=alerts'],
      ['fleet all', '/api/support/devices'],
      ['participant by e-mail', '/api/support/participants?q=p123457@bench.ru'],
      ['participant by surname', `/api/support/participants?q=${encodeURIComponent('Фамилия77 Имя7')}`],
      ['audit log', '/api/support/audit'],
    ];
    for (const [name, path] of endpoints) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        const r = await org.get(path);
        times.push(performance.now() - start);
        if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      }
      times.sort((a, b) => a - b);
      out[`dashboard ${name} p50 ms`] = Math.round(percentile(times, 50));
      out[`dashboard ${name} p95 ms`] = Math.round(percentile(times, 95));
      console.log(`  ${name}: p50 ${out[`dashboard ${name} p50 ms`]} ms, p95 ${out[`dashboard ${name} p95 ms`]} ms`);
    }

    // A busy minute: 500 schools' feeds moved; the next country view recounts them first.
    await sql`update schools set change_seq = change_seq + 1 where id in (select id from schools order by id limit 500)`.execute(
      ctx.db,
    );
    t = performance.now();
    await org.get('/api/organizer/overview');
    out['dashboard overview after 500 schools changed ms'] = Math.round(performance.now() - t);
    console.log(`  overview with 500 schools to recount: ${out['dashboard overview after 500 schools changed ms']} ms`);
  } finally {
    await server.close();
    await store.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchDashboard(), null, 2));
  process.exit(0);
}
