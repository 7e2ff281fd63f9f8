/**
 * Ingest throughput: mutations accepted per second in batches of 500, on SQLite (file, WAL,
 * synchronous=FULL) and PostgreSQL, beside the ceiling measured in the same run on the same
 * database: bare INSERTs of exactly the rows those mutations write (log, answer, change), into
 * twin tables of the same shape, the rows built before the clock starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3';
import pg from 'pg';
import { DEFAULT_PACK } from '../../core/content/index.ts';
import { uuidv7 } from '../../core/ids.ts';
import { answerFor, packItems } from '../support/answers.ts';
import { fingerprint } from '../../sync-server/sync/hash.ts';
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
const ITEMS = packItems(DEFAULT_PACK.steps);

/** The k-th answer of the run: student k ÷ items answers item k mod items. */
function answerNo(maker: MutationMaker, students: string[], k: number): Mutation {
  const { step, item } = ITEMS[k % ITEMS.length]!;
  return maker.answer(students[Math.floor(k / ITEMS.length) % students.length]!, step, item.id, answerFor(item, k));
}
// Long enough (30 000 mutations a dialect) that one slow fsync does not decide the figure.
const BATCHES = 60;
/** Enough students that every answer of the run has its own (student, item) key, as in a class. */
const STUDENTS = 500;

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
    const c: Campaignish = { id: campaign.id, settings: openSettings(new Date()), steps: DEFAULT_PACK.steps };
    const { code: enrollmentCode } = await createEnrollmentCode(ctx, school.id, 'bench');
    const device = await enrollDevice(ctx, {
      enrollmentCode,
      deviceName: 'bench',
      instanceId: uuidv7(),
      appVersion: 'bench',
    });
    const source = { deviceId: device.deviceId, schoolId: school.id };
    const maker = new MutationMaker(Date.now, DEFAULT_PACK);
    const students = Array.from({ length: STUDENTS }, () => uuidv7());
    await pushMutations(
      ctx,
      c,
      source,
      students.map((id) => maker.register(id)),
    );
    const batches: Mutation[][] = [];
    for (let b = 0; b < BATCHES; b++) {
      batches.push(Array.from({ length: BATCH }, (_, i) => answerNo(maker, students, b * BATCH + i)));
    }
    await createTwins(dialect, store);
    const bare = batches.map((batch, b) => rowsOf(batch, school.id, device.deviceId, 1 + b * BATCH));
    // Warm-up batch (JIT, statement caches), not counted.
    await pushMutations(ctx, c, source, batches.shift()!);
    await bareInserts(dialect, store, bare.shift()!);
    // Interleaved, batch by batch, so the ceiling and the real path see the same machine noise.
    let pushMs = 0;
    let bareMs = 0;
    for (const [b, batch] of batches.entries()) {
      let t = performance.now();
      await pushMutations(ctx, c, source, batch);
      pushMs += performance.now() - t;
      t = performance.now();
      await bareInserts(dialect, store, bare[b]!);
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

interface BareRows {
  log: unknown[][];
  answers: unknown[][];
  changes: unknown[][];
  /** The same rows as the JSON parameters PostgreSQL's one statement takes. */
  json: [string, string, string];
}

/**
 * The rows a batch of answers writes, exactly: the mutation log row with its payload, the answer
 * under its real (participant, step, item) key, the school's change row. Built before the clock
 * starts, so the ceiling is the database's own cost of storing them.
 */
function rowsOf(batch: Mutation[], schoolId: string, deviceId: string, firstSeq: number): BareRows {
  const now = Date.now();
  const out: BareRows = { log: [], answers: [], changes: [], json: ['', '', ''] };
  batch.forEach((m, i) => {
    if (m.name !== 'answer.save') throw new Error('the bench pushes answers only');
    const { participantId, step, itemId, value } = m.args;
    const { payload, hash } = fingerprint(m);
    out.log.push([m.id, deviceId, schoolId, m.seq, m.name, hash, payload, participantId, now]);
    out.answers.push([participantId, step, itemId, JSON.stringify(value), now]);
    const data = JSON.stringify({ participantId, step, itemId, value, updatedAt: now });
    out.changes.push([schoolId, firstSeq + i, `${participantId}:${step}:${itemId}`, data]);
  });
  const json = (list: unknown[][], keys: string[]) =>
    JSON.stringify(list.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]]))));
  out.json = [
    json(out.log, ['id', 'device', 'school', 'seq', 'name', 'hash', 'payload', 'pid', 'at']),
    json(out.answers, ['pid', 'step', 'item', 'value', 'at']),
    json(out.changes, ['school', 'seq', 'key', 'data']),
  ];
  return out;
}

const TWINS = ['mutations', 'answers', 'changes'] as const;

/**
 * Tables shaped exactly like the three the real path writes (columns, keys, indexes), in the
 * same database, so the ceiling pays for the same B-trees and the same commit.
 */
async function createTwins(dialect: Dialect, store: CentralStore): Promise<void> {
  if (dialect === 'sqlite') return sqliteTwins(store.sqlite!, TWINS);
  const client = (bareClient ??= await connect(store));
  for (const table of TWINS) await client.query(`create table bench_${table} (like ${table} including all)`);
}

/** SQLite twins `bench_<table>` of the tables given: the same columns, keys and indexes. */
export function sqliteTwins(db: SQLite.Database, tables: readonly string[]): void {
  for (const table of tables) {
    const ddl = db
      .prepare<[string], { name: string; sql: string }>(
        'select name, sql from sqlite_master where tbl_name = ? and sql is not null order by type desc',
      )
      .all(table);
    for (const { name, sql } of ddl)
      db.exec(sql.replaceAll(`"${name}"`, `"bench_${name}"`).replaceAll(`"${table}"`, `"bench_${table}"`));
  }
}

/** The same rows, written the fastest plain way each database offers. */
/** The three prepared statements of the SQLite ceiling, prepared once per database. */
const prepared = new WeakMap<SQLite.Database, Record<'log' | 'ans' | 'chg', SQLite.Statement>>();
function bareStatements(db: SQLite.Database) {
  let s = prepared.get(db);
  if (!s) {
    s = {
      log: db.prepare(
        "insert into bench_mutations (id, device_id, school_id, seq, name, hash, payload, status, participant_id, received_at) values (?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?)",
      ),
      ans: db.prepare(
        'insert into bench_answers (participant_id, step, item_id, value, updated_at) values (?, ?, ?, ?, ?) on conflict do update set value = excluded.value, updated_at = excluded.updated_at',
      ),
      chg: db.prepare("insert into bench_changes (school_id, seq, entity, key, data) values (?, ?, 'answer', ?, ?)"),
    };
    prepared.set(db, s);
  }
  return s;
}

async function bareInserts(dialect: Dialect, store: CentralStore, rows: BareRows): Promise<void> {
  if (dialect === 'sqlite') {
    const db = store.sqlite!;
    const { log, ans, chg } = bareStatements(db);
    db.transaction(() => {
      for (const r of rows.log) log.run(...r);
      for (const r of rows.answers) ans.run(...r);
      for (const r of rows.changes) chg.run(...r);
    })();
    return;
  }
  // One statement, committed on its own, with the rows as JSON parameters: on PostgreSQL the
  // fastest plain way measured here (ahead of unnest(…) per column, and of a statement per table).
  const client = (bareClient ??= await connect(store));
  await client.query(
    `with log as (
       insert into bench_mutations (id, device_id, school_id, seq, name, hash, payload, status, participant_id, received_at)
       select id, device, school, seq, name, hash, payload, 'accepted', pid, at
       from json_to_recordset($1::json)
         as t(id text, device text, school text, seq bigint, name text, hash text, payload text, pid text, at bigint)
     ),
     answers as (
       insert into bench_answers (participant_id, step, item_id, value, updated_at)
       select pid, step, item, value, at from json_to_recordset($2::json) as t(pid text, step int, item text, value text, at bigint)
       on conflict (participant_id, step, item_id) do update set value = excluded.value, updated_at = excluded.updated_at
     )
     insert into bench_changes (school_id, seq, entity, key, data)
     select school, seq, 'answer', key, data from json_to_recordset($3::json) as t(school text, seq bigint, key text, data text)`,
    rows.json,
  );
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
