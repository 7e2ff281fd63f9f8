/**
 * 3.2 «Получение доступа к результатам соорганизатором Акции»: the co-organizer sees the students
 * who applied one of their codes, and nobody else's; a student's result downloads as a PDF after
 * all the steps, and another school's student is never reachable, whatever id is tried.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsPage } from '../../../core/contracts/results.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, TEST_PACK_FILE } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, createOrganizer, signedIn, type Client, type ErrorReply } from '../accounts/helpers.ts';
import { classTakesPart, download, pdfText, type Enrolled } from './helpers.ts';

describe.each(DIALECTS)('«Результаты» on %s', (dialect) => {
  let server: TestServer;
  let cabinetA: Client;
  let cabinetB: Client;
  let a: Enrolled[];
  let b: Enrolled[];
  let codeA: string;
  let schoolBId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx);
    const schoolA = await createSchool(ctx, '77', 'Школа № 57');
    const schoolB = await createSchool(ctx, '77', 'Школа № 1535');
    schoolBId = schoolB.id;
    codeA = (await createTariff(ctx, campaign.id, schoolA.id, 25)).code;
    const codeB = (await createTariff(ctx, campaign.id, schoolB.id, 5)).code;
    a = await classTakesPart(server, schoolA.id, codeA, [
      { surname: 'Соколова', name: 'Алёна', schoolClass: '9А', steps: 12 },
      { surname: 'Ёлкин', name: 'Пётр', schoolClass: '9А', steps: 5 },
    ]);
    b = await classTakesPart(server, schoolB.id, codeB, [
      { surname: 'Чужой', name: 'Ученик', schoolClass: '10Б', steps: 12 },
    ]);
    cabinetA = await signedIn(server.url, (await createCoorganizer(ctx, schoolA.id)).email);
    cabinetB = await signedIn(server.url, (await createCoorganizer(ctx, schoolB.id)).email);
  });
  afterAll(() => server.stop());

  it('lists the students who applied this school’s codes, with steps done of 12 and a link when done', async () => {
    const r = await cabinetA.get<ResultsPage>('/api/cabinet/results');
    expect(r.status).toBe(200);
    expect(r.body.stepCount).toBe(12);
    expect(r.body.counts).toEqual({ registered: 2, activated: 2, inProgress: 1, finished: 1, unplaced: 0 });
    const byName = Object.fromEntries(r.body.results.map((x) => [x.fullName, x]));
    expect(Object.keys(byName).sort()).toEqual(['Ёлкин Пётр', 'Соколова Алёна'].sort());
    expect(byName['Соколова Алёна']).toMatchObject({
      schoolClass: '9А',
      code: codeA,
      status: 'finished',
      stepsDone: 12,
      completed: true,
      pdfUrl: `/api/cabinet/results/${a[0]!.id}.pdf`,
    });
    expect(byName['Ёлкин Пётр']).toMatchObject({ stepsDone: 5, status: 'in_progress', completed: false, pdfUrl: null });
    expect(byName['Соколова Алёна']!.fromElsewhere).toBeNull();
    expect(JSON.stringify(r.body)).not.toContain('@');
  });

  it('marks a student of another school who used this school’s code, naming their school', async () => {
    // A pupil of school B, at one of B's PCs, is given school A's code.
    const [guest] = await classTakesPart(server, schoolBId, codeA, [
      { surname: 'Гостева', name: 'Нина', schoolClass: '8В', steps: 2 },
    ]);
    const rows = (await cabinetA.get<ResultsPage>('/api/cabinet/results')).body.results;
    expect(rows.find((x) => x.participantId === guest!.id)).toMatchObject({
      fullName: 'Гостева Нина',
      fromElsewhere: 'Школа № 1',
    });
    // B's own results do not list the pupil: they used A's code.
    const own = (await cabinetB.get<ResultsPage>('/api/cabinet/results')).body.results;
    expect(own.map((x) => x.participantId)).not.toContain(guest!.id);
  });

  it('shows nobody else’s students', async () => {
    const r = await cabinetB.get<ResultsPage>('/api/cabinet/results');
    expect(r.body.results.map((x) => x.fullName)).toEqual(['Чужой Ученик']);
  });

  it('downloads the result PDF of a student who did every step, with the Cyrillic name inside', async () => {
    const r = await download(server.url, `/api/cabinet/results/${a[0]!.id}.pdf`, cabinetA.cookie);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(r.headers.get('content-disposition') ?? '')).toContain('Соколова Алёна');
    const text = await pdfText(r.bytes);
    expect(text).toContain('Соколова Алёна');
    expect(text).toContain('Результат участия');
  });

  it('refuses the PDF until all steps are done, saying how many are', async () => {
    const r = await cabinetA.get<ErrorReply>(`/api/cabinet/results/${a[1]!.id}.pdf`);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe(
      'Результат будет доступен после прохождения всех шагов: участник выполнил 5 из 12.',
    );
  });

  it('answers 404 for another school’s student, done or not, and for any id tried', async () => {
    const theirs = await cabinetA.get<ErrorReply>(`/api/cabinet/results/${b[0]!.id}.pdf`);
    expect(theirs.status).toBe(404);
    const mine = await cabinetB.get<ErrorReply>(`/api/cabinet/results/${a[0]!.id}.pdf`);
    expect(mine.status).toBe(404);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 64 })), async (id) => {
        const r = await download(server.url, `/api/cabinet/results/${encodeURIComponent(id)}.pdf`, cabinetB.cookie);
        expect([400, 404]).toContain(r.status);
      }),
      { numRuns: 25 },
    );
    expect((await cabinetB.get(`/api/cabinet/results/${uuidv7()}.pdf`)).status).toBe(404);
  });

  it('is for signed-in co-organizers only', async () => {
    expect((await download(server.url, '/api/cabinet/results', undefined)).status).toBe(401);
    expect((await download(server.url, `/api/cabinet/results/${a[0]!.id}.pdf`, undefined)).status).toBe(401);
    const organizer = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    expect((await organizer.get('/api/cabinet/results')).status).toBe(403);
  });
});
