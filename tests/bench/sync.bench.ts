/**
 * Ingest throughput: mutations accepted per second in batches of 500, on SQLite (file, WAL,
 * synchronous=FULL) and PostgreSQL, beside the ceiling measured in the same run on the same
 * database: bare INSERTs of exactly the rows those mutations write (log, answer, change).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { uuidv7 } from '../../core/ids.ts';
import type { Mutation } from '../../core/mutations/schemas.ts';
import { pushMutations, type Campaignish } from '../../sync-server/sync/push.service.ts';
import type { CentralStore, Dialect } from '../../sync-server/db/connect.ts';
import { DIALECTS, freshStore, PG_URL } from '../support/dialects.ts';
import { createCampaign, createSchool, MutationMaker, openSettings } from '../support/factories.ts';
import { createLogger } from '../../sync-server/logger.ts';
import { createEnrollmentCode, enrollDevice } from '../../sync-server/devices/devices.service.ts';
import { loadConfig } from '../../sync-server/config.ts';
import type { ServerContext } from '../../sync-server/context.ts';

const BATCH = 500;
// Long enough (30 000 mutations a dialect) that one slow fsync does not decide the figure.
const BATCHES = 60;
const STUDENTS = 100;

export async function benchSync(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const dialect of DIALECTS) Object.assign(out, await benchDialect(dialect));
  return out;
}

async function benchDialect(dialect: Dialect): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'moe-bench-'));
  const store = await freshStore(dialect, { sqlitePath: join(dir, 'central.sqlite') });
  const ctx: ServerContext = {
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    store,
    db: store.db,
    log: createLogger('silent'),
    now: Date.now,
    nudge: () => {},
  };
  try {
    const campaign = await createCampaign(ctx);
    const school = await createSchool(ctx);
    const c: Campaignish = { id: campaign.id, settings: openSettings(new Date()), stepCount: 12 };
    const { code: enrollmentCode } = await createEnrollmentCode(ctx, school.id, 'bench');
    const device = await enrollDevice(ctx, {
      enrollmentCode,
      deviceName: 'bench',
      instanceId: uuidv7(),
      appVersion: 'bench',
    });
    const source = { deviceId: device.deviceId, schoolId: school.id };
    const maker = new MutationMaker();
    const students = Array.from({ length: STUDENTS }, () => uuidv7());
    await pushMutations(
      ctx,
      c,
      source,
      students.map((id) => maker.register(id)),
    );
    const batches: Mutation[][] = [];
    for (let b = 0; b < BATCHES; b++) {
      batches.push(
        Array.from({ length: BATCH }, (_, i) =>
          maker.answer(students[(b * BATCH + i) % STUDENTS]!, 1 + (i % 12), `q${b}_${i}`, i),
        ),
      );
    }
    // Warm-up batch (JIT, statement caches), not counted.
    await pushMutations(ctx, c, source, batches.shift()!);
    await bareInserts(dialect, store, -1, school.id);
    // Interleaved, batch by batch, so the ceiling and the real path see the same machine noise.
    let pushMs = 0;
    let bareMs = 0;
    for (const [b, batch] of batches.entries()) {
      let t = performance.now();
      await pushMutations(ctx, c, source, batch);
      pushMs += performance.now() - t;
      t = performance.now();
      await bareInserts(dialect, store, b, school.id);
      bareMs += performance.now() - t;
    }
    const mutationsPerSec = Math.round((batches.length * BATCH * 1000) / pushMs);
    const ceilingPerSec = Math.round((batches.length * BATCH * 1000) / bareMs);
    const r = {
      [`sync.${dialect}.mutationsPerSec`]: mutationsPerSec,
      [`sync.${dialect}.bareInsertCeilingPerSec`]: ceilingPerSec,
      [`sync.${dialect}.ratioToCeiling`]: Math.round((mutationsPerSec / ceilingPerSec) * 100) / 100,
    };
    console.log(
      `  ${dialect}: ${mutationsPerSec} mutations/s accepted; bare INSERT ceiling ${ceilingPerSec}/s (${r[`sync.${dialect}.ratioToCeiling`]})`,
    );
    return r;
  } finally {
    await bareClient?.end();
    bareClient = undefined;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same three rows per mutation, written the fastest plain way each database offers. */
async function bareInserts(dialect: Dialect, store: CentralStore, b: number, schoolId: string) {
  const now = Date.now();
  const rs = Array.from({ length: BATCH }, (_, i) => {
    const id = uuidv7();
    const item = `b${b}_${i}`;
    const payload = JSON.stringify({
      id,
      name: 'answer.save',
      args: { participantId: id, step: 1, itemId: item, value: i },
    });
    return { id, payload, pid: `bare-${b}`, item, seq: 10_000_000 + (b + 1) * BATCH + i };
  });
  if (dialect === 'sqlite') {
    const db = store.sqlite!;
    const log = db.prepare(
      "insert into mutations (id, device_id, school_id, seq, name, hash, payload, status, participant_id, received_at) values (?, null, ?, ?, 'answer.save', 'h', ?, 'accepted', ?, ?)",
    );
    const ans = db.prepare(
      "insert into answers (participant_id, step, item_id, value, updated_at) values (?, 1, ?, '1', ?) on conflict do update set value = excluded.value, updated_at = excluded.updated_at",
    );
    const chg = db.prepare("insert into changes (school_id, seq, entity, key, data) values (?, ?, 'answer', ?, ?)");
    db.transaction(() => {
      for (const r of rs) {
        log.run(r.id, schoolId, r.seq, r.payload, r.pid, now);
        ans.run(r.pid, r.item, now);
        chg.run(schoolId, r.seq, r.item, r.payload);
      }
    })();
    return;
  }
  const client = (bareClient ??= await connect(store));
  await client.query('begin');
  await client.query(
    `insert into mutations (id, device_id, school_id, seq, name, hash, payload, status, participant_id, received_at)
     select id, null, $1, seq, 'answer.save', 'h', payload, 'accepted', pid, $2
     from unnest($3::text[], $4::bigint[], $5::text[], $6::text[]) as t(id, seq, payload, pid)`,
    [schoolId, now, rs.map((r) => r.id), rs.map((r) => r.seq), rs.map((r) => r.payload), rs.map((r) => r.pid)],
  );
  await client.query(
    `insert into answers (participant_id, step, item_id, value, updated_at)
     select pid, 1, item, '1', $1 from unnest($2::text[], $3::text[]) as t(pid, item)
     on conflict (participant_id, step, item_id) do update set value = excluded.value, updated_at = excluded.updated_at`,
    [now, rs.map((r) => r.pid), rs.map((r) => r.item)],
  );
  await client.query(
    `insert into changes (school_id, seq, entity, key, data)
     select $1, seq, 'answer', item, payload from unnest($2::bigint[], $3::text[], $4::text[]) as t(seq, item, payload)`,
    [schoolId, rs.map((r) => r.seq), rs.map((r) => r.item), rs.map((r) => r.payload)],
  );
  await client.query('commit');
}

let bareClient: pg.Client | undefined;

/** A plain pg client on the same schema as the store under test. */
async function connect(store: CentralStore): Promise<pg.Client> {
  const { s } = await store.db
    .selectFrom('campaigns')
    .select((eb) => eb.fn<string>('current_schema', []).as('s'))
    .executeTakeFirstOrThrow();
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${s}` });
  await client.connect();
  return client;
}
