/**
 * «Результаты» for a large school: the list is searched, filtered, sorted and paged by the server,
 * with the school's numbers at the top; one student opens on screen with the same words as their
 * PDF, or with the step they are at. Co-organizer A reaches none of B's students by any id,
 * filter or search.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode } from '../../../core/codes.ts';
import type { ResultDocument, ResultsPage, StudentResult } from '../../../core/contracts/results.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, createOrganizer, signedIn, type Client, type ErrorReply } from '../accounts/helpers.ts';
import { classTakesPart, download, pdfText, type Enrolled, type Student } from './helpers.ts';

/** 26 students of 9А on the first code, steps 0..12 in turn, so the list has two pages of 25. */
const NINTH: Student[] = Array.from({ length: 26 }, (_, i) => ({
  surname: `Ученикова${String.fromCharCode(0x430 + i)}`,
  name: 'Анна',
  schoolClass: '9А',
  steps: i % 13,
}));

/** Every paragraph of the document, as the screen shows it. */
function paragraphs(d: ResultDocument): string[] {
  return [
    d.title,
    ...d.identity.map((f) => f.value),
    d.profile.title,
    d.profile.hint,
    ...d.profile.bars.map((b) => b.title),
    d.summary,
    d.meaning.title,
    ...d.meaning.items.flatMap((i) => [i.interest, i.text]),
    d.recommendations.title,
    ...d.recommendations.items.flatMap((r) => [r.title, ...r.fields]),
    d.nextSteps.title,
    ...d.nextSteps.items,
    d.advisory.title,
    d.advisory.text,
  ];
}
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.each(DIALECTS)('«Результаты», page by page, on %s', (dialect) => {
  let server: TestServer;
  let cabinetA: Client;
  let cabinetB: Client;
  let ninth: Enrolled[];
  let tenth: Enrolled[];
  let unregistered: Enrolled;
  let theirs: Enrolled[];
  let code2: string;
  let codeB: string;

  const page = (client: Client, query: string) => client.get<ResultsPage>(`/api/cabinet/results?${query}`);

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx);
    const schoolA = await createSchool(ctx, '77', 'Школа № 57');
    const schoolB = await createSchool(ctx, '77', 'Школа № 1535');
    const code1 = (await createTariff(ctx, campaign.id, schoolA.id, 40)).code;
    code2 = (await createTariff(ctx, campaign.id, schoolA.id, 5)).code;
    codeB = (await createTariff(ctx, campaign.id, schoolB.id, 5)).code;
    ninth = await classTakesPart(server, schoolA.id, code1, NINTH);
    tenth = await classTakesPart(server, schoolA.id, code2, [
      { surname: 'Соколова', name: 'Алёна', schoolClass: '10Б', steps: 12 },
      { surname: 'Ёлкин', name: 'Пётр', schoolClass: '10Б', steps: 5 },
    ]);
    unregistered = (
      await classTakesPart(server, schoolA.id, code2, [
        { surname: 'Новикова', name: 'Вера', schoolClass: '10Б', steps: 0, applies: false },
      ])
    )[0]!;
    theirs = await classTakesPart(server, schoolB.id, codeB, [
      { surname: 'Соколов', name: 'Чужой', schoolClass: '9А', steps: 12 },
      { surname: 'Другой', name: 'Ученик', schoolClass: '9А', steps: 3 },
    ]);
    cabinetA = await signedIn(server.url, (await createCoorganizer(ctx, schoolA.id)).email);
    cabinetB = await signedIn(server.url, (await createCoorganizer(ctx, schoolB.id)).email);
  }, 120_000);
  afterAll(() => server.stop());

  it('counts the whole school at the top and offers its codes and classes to filter by', async () => {
    const r = await page(cabinetA, '');
    expect(r.status).toBe(200);
    // 9А: steps 0..12 twice → 2 finished, 2 not started, 22 part-way; 10Б: one of each, one with no code.
    expect(r.body.counts).toEqual({ registered: 29, activated: 28, inProgress: 23, finished: 3, unplaced: 0 });
    expect(r.body.total).toBe(29);
    expect(r.body.classes).toEqual(['9А', '10Б']);
    expect(r.body.codes).toHaveLength(2);
    expect(r.body.codes).toContain(code2);
    expect(r.body.codes).not.toContain(codeB);
  });

  it('pages 25 at a time; together the pages hold every student once, and a page past the end is the last', async () => {
    const first = (await page(cabinetA, 'page=1&size=25')).body;
    const second = (await page(cabinetA, 'page=2&size=25')).body;
    expect([first.pages, first.results.length, second.results.length]).toEqual([2, 25, 4]);
    const ids = [...first.results, ...second.results].map((x) => x.participantId);
    expect(new Set(ids).size).toBe(29);
    expect(ids).not.toContain(theirs[0]!.id);
    const beyond = (await page(cabinetA, 'page=9&size=25')).body;
    expect(beyond.page).toBe(2);
    expect(beyond.results.map((x) => x.participantId)).toEqual(second.results.map((x) => x.participantId));
    // Sorted by surname.
    const names = first.results.map((x) => x.fullName);
    expect(names.indexOf('Новикова Вера')).toBeLessThan(names.indexOf('Соколова Алёна'));
  });

  it('finds a student by part of the name whatever the letter case, and never another school’s', async () => {
    for (const q of ['соко', 'СОКОЛ', 'Соколова', 'алёна сок']) {
      const r = (await page(cabinetA, `q=${encodeURIComponent(q)}`)).body;
      expect(
        r.results.map((x) => x.fullName),
        q,
      ).toEqual(['Соколова Алёна']);
      expect(r.total, q).toBe(1);
    }
    expect((await page(cabinetA, `q=${encodeURIComponent('Чужой')}`)).body.total).toBe(0);
    expect((await page(cabinetA, `q=${encodeURIComponent('%')}`)).body.total).toBe(0);
  });

  it('filters by code (as printed or typed), class and status, together', async () => {
    const byCode = (await page(cabinetA, `code=${encodeURIComponent(formatCode(code2).toLowerCase())}`)).body;
    expect(byCode.results.map((x) => x.fullName).sort()).toEqual(['Ёлкин Пётр', 'Соколова Алёна']);
    expect(byCode.counts.registered).toBe(29);
    const byClass = (await page(cabinetA, `schoolClass=${encodeURIComponent('10Б')}`)).body;
    expect(byClass.total).toBe(3);
    const finished9 = (await page(cabinetA, `schoolClass=${encodeURIComponent('9А')}&status=finished`)).body;
    expect(finished9.results.map((x) => x.stepsDone)).toEqual([12, 12]);
    expect(finished9.results.every((x) => x.pdfUrl !== null)).toBe(true);
    const notStarted = (await page(cabinetA, 'status=activated')).body;
    expect(notStarted.results.map((x) => x.stepsDone)).toEqual([0, 0]);
    const registered = (await page(cabinetA, 'status=registered')).body;
    expect(registered.results).toEqual([
      expect.objectContaining({ participantId: unregistered.id, code: null, status: 'registered', pdfUrl: null }),
    ]);
    expect((await page(cabinetA, `code=${codeB}`)).body.total).toBe(0);
  });

  it('sorts by class (9А before 10Б), by steps (most first) and by status', async () => {
    const byClass = (await page(cabinetA, 'sort=class&size=100')).body.results.map((x) => x.schoolClass);
    expect(byClass.indexOf('10Б')).toBe(26);
    const bySteps = (await page(cabinetA, 'sort=steps&size=100')).body.results.map((x) => x.stepsDone);
    expect(bySteps).toEqual([...bySteps].sort((x, y) => y - x));
    const byStatus = (await page(cabinetA, 'sort=status&size=100')).body.results.map((x) => x.status);
    expect(byStatus[0]).toBe('registered');
    expect(byStatus.at(-1)).toBe('finished');
  });

  it('refuses a query it does not understand, saying why in Russian', async () => {
    for (const q of ['status=lost', 'size=7', 'page=0', 'sort=age', `q=${'я'.repeat(101)}`]) {
      const r = await cabinetA.get<ErrorReply>(`/api/cabinet/results?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.message, q).toMatch(/\p{Script=Cyrillic}/u);
    }
  });

  it('opens a finished student on screen with every word of their PDF', async () => {
    const r = await cabinetA.get<StudentResult>(`/api/cabinet/results/students/${tenth[0]!.id}`);
    expect(r.status).toBe(200);
    const doc = r.body.document!;
    expect(doc.identity[0]).toEqual({ label: 'Участник', value: 'Соколова Алёна' });
    expect(doc.profile.bars.map((b) => b.title)).toHaveLength(5);
    expect(r.body.progress).toBeNull();
    const pdf = squash(await pdfText((await download(server.url, r.body.student.pdfUrl!, cabinetA.cookie)).bytes));
    for (const text of paragraphs(doc)) expect(pdf).toContain(squash(text));
  });

  it('shows the step a student is at, and no profile, until every step is done', async () => {
    const r = await cabinetA.get<StudentResult>(`/api/cabinet/results/students/${tenth[1]!.id}`);
    expect(r.body).toMatchObject({ document: null, currentStep: 6 });
    expect(r.body.progress).toBe(
      'Учащийся на шаге 6 из 12 (выполнено шагов: 5). Результат появится после прохождения всех шагов.',
    );
    const none = await cabinetA.get<StudentResult>(`/api/cabinet/results/students/${unregistered.id}`);
    expect(none.body).toMatchObject({ document: null, currentStep: null, student: { status: 'registered' } });
    expect(none.body.progress).toMatch(/ещё не применил код/);
  });

  it('gives co-organizer A none of B’s students, and B none of A’s, whatever id is tried', async () => {
    for (const id of theirs.map((t) => t.id)) {
      expect((await cabinetA.get(`/api/cabinet/results/students/${id}`)).status).toBe(404);
    }
    for (const id of [ninth[12]!.id, tenth[0]!.id, unregistered.id]) {
      expect((await cabinetB.get(`/api/cabinet/results/students/${id}`)).status).toBe(404);
    }
    const own = (await page(cabinetB, 'size=100')).body;
    expect(own.results.map((x) => x.fullName).sort()).toEqual(['Другой Ученик', 'Соколов Чужой']);
    expect(own.counts.registered).toBe(2);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 64 })), async (id) => {
        const res = await download(
          server.url,
          `/api/cabinet/results/students/${encodeURIComponent(id)}`,
          cabinetB.cookie,
        );
        expect([400, 404]).toContain(res.status);
      }),
      { numRuns: 25 },
    );
    expect((await cabinetB.get(`/api/cabinet/results/students/${uuidv7()}`)).status).toBe(404);
  });

  it('is for signed-in co-organizers only', async () => {
    const path = `/api/cabinet/results/students/${tenth[0]!.id}`;
    expect((await download(server.url, path, undefined)).status).toBe(401);
    const organizer = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    expect((await organizer.get(path)).status).toBe(403);
  });
});
