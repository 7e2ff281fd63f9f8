/**
 * «Скачать все результаты» behind two nodes without sticky sessions: two real server processes on
 * one PostgreSQL schema and one Redis. The co-organizer starts the export on node A and follows
 * it, starts it again and downloads it on node B: the state is in the store, the ZIP is streamed
 * from node A's disk through node B. Another school's co-organizer gets nothing on either node,
 * whatever header they add, and an archive whose node is gone reads as failed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsExportJob } from '../../../core/contracts/results-export.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { loadConfig } from '../../../sync-server/config.ts';
import type { ServerContext } from '../../../sync-server/context.ts';
import { FORWARDED_HEADER } from '../../../sync-server/results/export.routes.ts';
import { DIALECTS, freshStore } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, TEST_PACK_FILE } from '../../support/factories.ts';
import { pgUrlOf, startNode, stopNode, storeContext, type NodeProcess } from '../../support/node-process.ts';
import { READY_LIMIT_MS } from '../../support/process.ts';
import { haveRedis, REDIS_URL } from '../../support/redis.ts';
import { Client, createCoorganizer, signedIn, type ErrorReply } from '../accounts/helpers.ts';
import { openResultsArchive } from './archive.helpers.ts';
import { classTakesPart, download } from './helpers.ts';

/** The same browser session, its requests reaching node `url` (as the proxy might send them). */
function on(url: string, signedInClient: Client): Client {
  const c = new Client(url);
  c.cookie = signedInClient.cookie;
  return c;
}

/** Asks for the job until `done` says so. */
async function until(client: Client, id: string, done: (job: ResultsExportJob) => boolean) {
  for (;;) {
    const r = await client.get<ResultsExportJob>(`/api/cabinet/exports/${id}`);
    expect(r.status).toBe(200);
    if (done(r.body)) return r.body;
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

describe.runIf(haveRedis && DIALECTS.includes('postgres'))('a results export behind two nodes', () => {
  let a: NodeProcess;
  let b: NodeProcess;
  let store: Awaited<ReturnType<typeof freshStore>>;
  let ctx: ServerContext;
  let schoolId: string;
  let cabinet: Client;
  let other: Client;

  beforeAll(async () => {
    store = await freshStore('postgres');
    ctx = { ...storeContext(store), config: loadConfig({ LOG_LEVEL: 'silent', CONTENT_PACK_FILE: TEST_PACK_FILE }) };
    const campaign = await createCampaign(ctx);
    const env = { DATABASE_URL: pgUrlOf(store.pgSchema!), REDIS_URL };
    const dataDir = () => mkdtempSync(join(tmpdir(), 'moe-export-node-'));
    [a, b] = await Promise.all([
      startNode({ ...env, DATA_DIR: dataDir() }),
      startNode({ ...env, DATA_DIR: dataDir() }),
    ]);
    const school = await createSchool(ctx, '77', 'Школа № 57');
    const otherSchool = await createSchool(ctx, '77', 'Школа № 1535');
    schoolId = school.id;
    const code = (await createTariff(ctx, campaign.id, school.id, 10)).code;
    await classTakesPart({ url: a.url, ctx }, school.id, code, [
      { surname: 'Соколова', name: 'Алёна', schoolClass: '9А', steps: 12 },
      { surname: 'Ёлкин', name: 'Пётр', schoolClass: '9А', steps: 12 },
      { surname: 'Иванов', name: 'Иван', schoolClass: '9Б', steps: 12 },
      { surname: 'Петрова', name: 'Мария', schoolClass: '9Б', steps: 4 },
    ]);
    cabinet = await signedIn(a.url, (await createCoorganizer(ctx, school.id)).email);
    other = await signedIn(b.url, (await createCoorganizer(ctx, otherSchool.id)).email);
  }, READY_LIMIT_MS);
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopNode));
    await store?.close();
  });

  it('starts on node A, is followed, asked again and downloaded on node B', async () => {
    const onA = on(a.url, cabinet);
    const onB = on(b.url, cabinet);
    // Holds node A's build at its start: after A has claimed the school's running export in the
    // store, it removes the school's earlier exports, and the test keeps one of them locked.
    const earlier = uuidv7();
    await ctx.db
      .insertInto('results_exports')
      .values({
        id: earlier,
        school_id: schoolId,
        status: 'failed',
        done: 0,
        total: 3,
        started_at: Date.now() - 60_000,
        finished_at: Date.now() - 50_000,
        updated_at: Date.now() - 50_000,
        bytes: null,
        message: 'Архив собрать не удалось. Попробуйте ещё раз.',
        node_url: a.url,
      })
      .execute();
    const lock = new pg.Client({ connectionString: pgUrlOf(store.pgSchema!) });
    await lock.connect();
    let started: Promise<{ status: number; body: ResultsExportJob }>;
    try {
      await lock.query('begin');
      await lock.query('select id from results_exports where id = $1 for update', [earlier]);
      started = onA.post<ResultsExportJob>('/api/cabinet/exports');
      // The signal: node A's running export is in the store.
      let running: { id: string; node_url: string } | undefined;
      while (!running) {
        running = await ctx.db
          .selectFrom('results_exports')
          .select(['id', 'node_url'])
          .where('school_id', '=', schoolId)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (!running) await new Promise((ok) => setTimeout(ok, 20));
      }
      expect(running.node_url).toBe(a.url);

      // Node B answers for it: its progress, the school's latest, and a second start returns it.
      const progress = await onB.get<ResultsExportJob>(`/api/cabinet/exports/${running.id}`);
      expect(progress.status).toBe(200);
      expect(progress.body).toMatchObject({ id: running.id, status: 'running', total: 3, downloadUrl: null });
      expect((await onB.get<{ job: ResultsExportJob }>('/api/cabinet/exports')).body.job?.id).toBe(running.id);
      const again = await onB.post<ResultsExportJob>('/api/cabinet/exports');
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(running.id);
      // Not ready yet: node B says so rather than forwarding.
      expect((await download(b.url, `/api/cabinet/exports/${running.id}/download`, cabinet.cookie)).status).toBe(409);
      await lock.query('commit');
    } finally {
      await lock.end();
    }
    const first = await started;
    expect(first.status).toBe(201);

    const ready = await until(onB, first.body.id, (job) => job.status !== 'running');
    expect(ready).toMatchObject({ status: 'ready', done: 3, total: 3 });

    // Another school's co-organizer: nothing on either node, the forwarding mark changes nothing.
    for (const url of [a.url, b.url]) {
      expect((await on(url, other).get(`/api/cabinet/exports/${ready.id}`)).status).toBe(404);
      const res = await fetch(`${url}${ready.downloadUrl!}`, {
        headers: { cookie: other.cookie!, [FORWARDED_HEADER]: '1' },
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorReply).error.message).toMatch(/\p{Script=Cyrillic}/u);
    }
    // Without a session, node B refuses before forwarding anything.
    expect((await download(b.url, ready.downloadUrl!, undefined)).status).toBe(401);

    const file = await download(b.url, ready.downloadUrl!, cabinet.cookie);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/zip');
    expect(decodeURIComponent(file.headers.get('content-disposition')!)).toMatch(/Результаты учащихся .*\.zip$/);
    expect(Number(file.headers.get('content-length'))).toBe(file.bytes.length);
    const archive = await openResultsArchive(file.bytes);
    expect([...archive.pdfs.keys()].sort()).toEqual([
      'Ёлкин Пётр, 9А.pdf',
      'Иванов Иван, 9Б.pdf',
      'Соколова Алёна, 9А.pdf',
    ]);
    expect(archive.rows).toHaveLength(3);
    // Downloaded in full on node A's disk: gone from the store and from node A.
    await until404(onB, ready.id);
    expect((await download(a.url, ready.downloadUrl!, cabinet.cookie)).status).toBe(404);
  });

  it('reports an archive whose node died as failed, so it can be built again on another node', async () => {
    const onB = on(b.url, cabinet);
    const started = await on(a.url, cabinet).post<ResultsExportJob>('/api/cabinet/exports');
    expect(started.status).toBe(201);
    const ready = await until(onB, started.body.id, (job) => job.status !== 'running');
    expect(ready.status).toBe('ready');
    // Node A dies without closing: its record still says ready, its archive is out of reach.
    a.child.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');
    const lost = await download(b.url, ready.downloadUrl!, cabinet.cookie);
    expect(lost.status).toBe(409);
    expect(JSON.parse(new TextDecoder().decode(lost.bytes)).error.message).toMatch(/перестал отвечать/);
    expect((await onB.get<ResultsExportJob>(`/api/cabinet/exports/${ready.id}`)).body).toMatchObject({
      status: 'failed',
      downloadUrl: null,
    });
    const rebuilt = await onB.post<ResultsExportJob>('/api/cabinet/exports');
    expect(rebuilt.status).toBe(201);
    const done = await until(onB, rebuilt.body.id, (job) => job.status !== 'running');
    expect(done.status).toBe('ready');
    expect((await download(b.url, done.downloadUrl!, cabinet.cookie)).status).toBe(200);

    // A node that closes (SIGTERM) says its archives went with it.
    const last = await onB.post<ResultsExportJob>('/api/cabinet/exports');
    expect((await until(onB, last.body.id, (job) => job.status !== 'running')).status).toBe('ready');
    await stopNode(b);
    const row = await ctx.db
      .selectFrom('results_exports')
      .select(['status', 'message'])
      .where('id', '=', last.body.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.message).toMatch(/удалён с сервера/);
  });
});

async function until404(client: Client, id: string) {
  for (;;) {
    const r = await client.get(`/api/cabinet/exports/${id}`);
    if (r.status === 404) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
