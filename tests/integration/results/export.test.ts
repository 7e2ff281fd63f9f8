/**
 * «Скачать все результаты»: the co-organizer's archive holds one result PDF per finished student
 * of their codes and a summary spreadsheet whose rows match them; it is built in the background
 * (one job per school at a time) and its files leave the server once downloaded. Another school's
 * co-organizer cannot start, follow or download it, whatever job id they try.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsExportJob } from '../../../core/contracts/results-export.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DOMAINS, scoreParticipant } from '../../../core/scoring/index.ts';
import { loadContentPack } from '../../../sync-server/content/content.service.ts';
import { ExportJobs } from '../../../sync-server/results/export.jobs.ts';
import { SILENT_MS, startExport } from '../../../sync-server/results/export.service.ts';
import { completedAnswers } from '../../../sync-server/results/results.repository.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, createOrganizer, signedIn, type Client, type ErrorReply } from '../accounts/helpers.ts';
import { openResultsArchive } from './archive.helpers.ts';
import { classTakesPart, download, pdfText, type Enrolled } from './helpers.ts';

/** Asks for the job until `done` says it is finished (the build runs on the server's own pace). */
async function until(client: Client, id: string, done: (status: number, job: ResultsExportJob) => boolean) {
  for (;;) {
    const r = await client.get<ResultsExportJob>(`/api/cabinet/exports/${id}`);
    if (done(r.status, r.body)) return r;
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

describe.each(DIALECTS)('«Скачать все результаты» on %s', (dialect) => {
  let server: TestServer;
  let cabinetA: Client;
  let cabinetB: Client;
  let a: Enrolled[];
  let schoolA: Awaited<ReturnType<typeof createSchool>>;
  let codeA: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      contentPackFile: TEST_PACK_FILE,
      dataDir: mkdtempSync(join(tmpdir(), 'moe-export-')),
    });
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx);
    schoolA = await createSchool(ctx, '77', 'Школа № 57');
    const schoolB = await createSchool(ctx, '77', 'Школа № 1535');
    codeA = (await createTariff(ctx, campaign.id, schoolA.id, 25)).code;
    const codeB = (await createTariff(ctx, campaign.id, schoolB.id, 5)).code;
    a = await classTakesPart(server, schoolA.id, codeA, [
      { surname: 'Соколова', name: 'Алёна', schoolClass: '9А', steps: 12 },
      { surname: 'Ёлкин', name: 'Пётр', schoolClass: '9А', steps: 5 },
      // Namesakes in one class: two files, neither overwriting the other.
      { surname: 'Иванов', name: 'Иван', schoolClass: '9Б', steps: 12 },
      { surname: 'Иванов', name: 'Иван', schoolClass: '9Б', steps: 12 },
    ]);
    await classTakesPart(server, schoolB.id, codeB, [
      { surname: 'Чужой', name: 'Ученик', schoolClass: '10Б', steps: 12 },
    ]);
    cabinetA = await signedIn(server.url, (await createCoorganizer(ctx, schoolA.id)).email);
    cabinetB = await signedIn(server.url, (await createCoorganizer(ctx, schoolB.id)).email);
  });
  afterAll(() => server.stop());

  it('builds one PDF per finished student and a summary whose rows match them, then removes the files once downloaded', async () => {
    const started = await cabinetA.post<ResultsExportJob>('/api/cabinet/exports');
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ total: 3, downloadUrl: null });
    const ready = await until(cabinetA, started.body.id, (_s, job) => job.status !== 'running');
    expect(ready.body).toMatchObject({ status: 'ready', done: 3, total: 3, message: null });
    expect((await cabinetA.get('/api/cabinet/exports')).body).toEqual({ job: ready.body });

    const file = await download(server.url, ready.body.downloadUrl!, cabinetA.cookie);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/zip');
    expect(decodeURIComponent(file.headers.get('content-disposition')!)).toMatch(
      /filename\*=UTF-8''Результаты учащихся \d{4}-\d{2}-\d{2}\.zip$/,
    );
    const archive = await openResultsArchive(file.bytes);
    expect(archive.utf8Flagged).toBe(true);
    expect([...archive.pdfs.keys()].sort()).toEqual([
      'Иванов Иван, 9Б (2).pdf',
      'Иванов Иван, 9Б.pdf',
      'Соколова Алёна, 9А.pdf',
    ]);
    expect(archive.names).toContain('Сводная таблица.xlsx');
    const sokolova = await pdfText(archive.pdfs.get('Соколова Алёна, 9А.pdf')!);
    expect(sokolova).toContain('Соколова Алёна');
    expect(sokolova).toContain('Результат участия');
    expect(await pdfText(archive.pdfs.get('Иванов Иван, 9Б (2).pdf')!)).toContain('Иванов Иван');

    expect(archive.header).toEqual([
      'Фамилия',
      'Имя',
      'Класс',
      'Код',
      'Человек — природа, %',
      'Человек — техника, %',
      'Человек — человек, %',
      'Человек — знаковая система, %',
      'Человек — художественный образ, %',
      'Ведущая сфера',
      'Файл результата',
    ]);
    // Each row is a finished student's, with the profile the shared scoring gives their answers.
    const pack = loadContentPack(TEST_PACK_FILE);
    const finished = a.filter((s) => s.steps === 12);
    expect(archive.rows).toHaveLength(finished.length);
    for (const student of finished) {
      const result = scoreParticipant(pack, await completedAnswers(server.ctx, student.id));
      const percents = DOMAINS.map((d) => result.profile.find((p) => p.domain === d)!.percent);
      const row = archive.rows.find(
        (r) =>
          r.slice(0, 4).join('|') === `${student.surname}|${student.name}|${student.schoolClass}|${codeA}` &&
          r.slice(4, 9).join() === percents.join(),
      );
      expect(row, `${student.surname} ${student.name}`).toBeDefined();
      expect(archive.pdfs.has(String(row![10]))).toBe(true);
    }
    expect(archive.rows.map((r) => r[10]).sort()).toEqual([...archive.pdfs.keys()].sort());

    // Downloaded in full: the job and its files are gone.
    const gone = await until(cabinetA, started.body.id, (status) => status === 404);
    expect((gone.body as unknown as ErrorReply).error.message).toMatch(/не найден/);
    const again = await download(server.url, ready.body.downloadUrl!, cabinetA.cookie);
    expect(again.status).toBe(404);
    expect(JSON.parse(new TextDecoder().decode(again.bytes)).error.message).toMatch(/скачан или устарел/);
    const folders = readdirSync(join(server.ctx.config.dataDir, 'exports'));
    for (const f of folders) expect(readdirSync(join(server.ctx.config.dataDir, 'exports', f))).toEqual([]);
  });

  it('gives co-organizer A nothing of school B’s export, whatever job id is tried', async () => {
    const b = await cabinetB.post<ResultsExportJob>('/api/cabinet/exports');
    expect(b.status).toBe(201);
    expect(b.body.total).toBe(1);
    const ready = await until(cabinetB, b.body.id, (_s, job) => job.status === 'ready');
    for (const id of [b.body.id, uuidv7(), 'x'.repeat(64)]) {
      const progress = await cabinetA.get<ErrorReply>(`/api/cabinet/exports/${id}`);
      expect(progress.status, id).toBe(404);
      expect(progress.body.error.message).toMatch(/\p{Script=Cyrillic}/u);
      expect((await download(server.url, `/api/cabinet/exports/${id}/download`, cabinetA.cookie)).status).toBe(404);
    }
    // A's own list and a start by A stay A's: B's running or ready job is not theirs to reuse.
    expect((await cabinetA.get('/api/cabinet/exports')).body).toEqual({ job: null });
    const own = await cabinetA.post<ResultsExportJob>('/api/cabinet/exports');
    expect(own.body.id).not.toBe(b.body.id);
    expect(own.body.total).toBe(3);
    await until(cabinetA, own.body.id, (_s, job) => job.status === 'ready');
    // Without a session, or as an organizer: refused before anything is looked up.
    const organizer = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    expect((await download(server.url, ready.body.downloadUrl!, undefined)).status).toBe(401);
    expect((await download(server.url, ready.body.downloadUrl!, organizer.cookie)).status).toBe(403);
    expect((await organizer.post('/api/cabinet/exports')).status).toBe(403);
    // B's archive is still there for B.
    expect((await download(server.url, ready.body.downloadUrl!, cabinetB.cookie)).status).toBe(200);
  });

  it('starts only from the cabinet itself: a cross-site form or a bare POST changes nothing', async () => {
    const before = (await cabinetA.get<{ job: ResultsExportJob | null }>('/api/cabinet/exports')).body.job;
    const bare = await fetch(`${server.url}/api/cabinet/exports`, {
      method: 'POST',
      headers: { cookie: cabinetA.cookie! },
    });
    expect(bare.status).toBe(415);
    const crossSite = await fetch(`${server.url}/api/cabinet/exports`, {
      method: 'POST',
      headers: { cookie: cabinetA.cookie!, 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    expect((await cabinetA.get<{ job: ResultsExportJob | null }>('/api/cabinet/exports')).body.job?.id).toBe(
      before?.id,
    );
  });

  it('says why when no student has finished yet', async () => {
    const campaign = await server.ctx.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
    const schoolC = await createSchool(server.ctx, '77', 'Школа № 3');
    const codeC = (await createTariff(server.ctx, campaign.id, schoolC.id, 5)).code;
    await classTakesPart(server, schoolC.id, codeC, [
      { surname: 'Новикова', name: 'Ольга', schoolClass: '7А', steps: 11 },
    ]);
    const cabinetC = await signedIn(server.url, (await createCoorganizer(server.ctx, schoolC.id)).email);
    const r = await cabinetC.post<ErrorReply>('/api/cabinet/exports');
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/ни один учащийся.*не прошёл все шаги/);
  });

  it('answers a second request with the job already running, and a request after it with a new one', async () => {
    const jobs = new ExportJobs(mkdtempSync(join(tmpdir(), 'moe-export-jobs-')), server.ctx.log);
    try {
      const school = { ...schoolA, locality: 'Москва' };
      const [first, second] = await Promise.all([
        startExport(server.ctx, jobs, school),
        startExport(server.ctx, jobs, school),
      ]);
      expect(second.job.id).toBe(first.job.id);
      expect([first.fresh, second.fresh]).toEqual([true, false]);
      expect((await startExport(server.ctx, jobs, school)).job.id).toBe(first.job.id);
      const built = first.local!;
      await built.settled;
      expect(built.status).toBe('ready');
      const next = await startExport(server.ctx, jobs, school);
      expect(next.fresh).toBe(true);
      expect(next.job.id).not.toBe(first.job.id);
      // The earlier archive made way for the new one.
      expect(existsSync(built.zipPath)).toBe(false);
      await next.local!.settled;
    } finally {
      await jobs.close();
    }
  });

  it('lets the store decide across nodes: one running export per school, and one whose node went silent reads as failed', async () => {
    const dir = () => mkdtempSync(join(tmpdir(), 'moe-export-node-'));
    const nodeA = new ExportJobs(dir(), server.ctx.log);
    const nodeB = new ExportJobs(dir(), server.ctx.log);
    nodeA.nodeUrl = 'http://127.0.0.1:1';
    nodeB.nodeUrl = 'http://127.0.0.1:2';
    try {
      const school = { ...schoolA, locality: 'Москва' };
      const [onA, onB] = await Promise.all([
        startExport(server.ctx, nodeA, school),
        startExport(server.ctx, nodeB, school),
      ]);
      expect(onB.job.id).toBe(onA.job.id);
      expect([onA.fresh, onB.fresh].filter(Boolean)).toHaveLength(1);
      await (onA.local ?? onB.local)!.settled;

      // A node that died mid-build: its running export stops being updated.
      const now = server.ctx.now();
      const dead = uuidv7();
      await server.ctx.db.deleteFrom('results_exports').where('school_id', '=', schoolA.id).execute();
      await server.ctx.db
        .insertInto('results_exports')
        .values({
          id: dead,
          school_id: schoolA.id,
          status: 'running',
          done: 1,
          total: 3,
          started_at: now - SILENT_MS - 60_000,
          finished_at: null,
          updated_at: now - SILENT_MS - 1,
          bytes: null,
          message: null,
          node_url: 'http://127.0.0.1:3',
        })
        .execute();
      const seen = await cabinetA.get<ResultsExportJob>(`/api/cabinet/exports/${dead}`);
      expect(seen.body).toMatchObject({ id: dead, status: 'failed', downloadUrl: null });
      expect(seen.body.message).toMatch(/перестал отвечать/);
      const again = await startExport(server.ctx, nodeB, school);
      expect(again.fresh).toBe(true);
      expect(again.job.id).not.toBe(dead);
      await again.local!.settled;
      expect(await server.ctx.db.selectFrom('results_exports').select('id').where('id', '=', dead).execute()).toEqual(
        [],
      );
    } finally {
      await Promise.all([nodeA.close(), nodeB.close()]);
    }
  });
});

describe('export files on the server', () => {
  it('removes what a stopped server left behind at start, and its own folder when it closes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'moe-export-start-'));
    const root = join(dataDir, 'exports');
    // A pid no process has (above Linux's pid_max), and this process's own (a node still running).
    mkdirSync(join(root, '4194305-deadbeef'), { recursive: true });
    writeFileSync(join(root, '4194305-deadbeef', 'left.zip'), 'x');
    mkdirSync(join(root, `${process.pid}-running`), { recursive: true });
    const jobs = new ExportJobs(dataDir, (await import('../../../sync-server/logger.ts')).createLogger('silent'));
    expect(readdirSync(root).sort()).toEqual([`${process.pid}-running`]);
    jobs.create('school', Date.now());
    expect(existsSync(jobs.dir)).toBe(true);
    await jobs.close();
    expect(existsSync(jobs.dir)).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
