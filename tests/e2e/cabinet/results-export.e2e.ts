/**
 * «Скачать все результаты» as a co-organizer uses it: in «Результаты» the archive is built while
 * the progress shows, then «Скачать архив» downloads one ZIP; opened, it holds one result PDF per
 * student who did every step (their names inside) and a summary spreadsheet whose rows are those
 * students. Once downloaded, the server removes the archive and the screen says so.
 */
import { readFileSync } from 'node:fs';
import { DOMAINS, scoreParticipant } from '../../../core/scoring/index.ts';
import { DEMO } from '../../../sync-server/demo-seed.ts';
import { loadContentPack } from '../../../sync-server/content/content.service.ts';
import { completedAnswers } from '../../../sync-server/results/results.repository.ts';
import { openResultsArchive } from '../../integration/results/archive.helpers.ts';
import { classTakesPart, pdfText } from '../../integration/results/helpers.ts';
import { TEST_PACK_FILE } from '../../support/factories.ts';
import { expect, test } from '../support/fixtures.ts';
import { CabinetPage } from './cabinet.page.ts';
import { snap } from './screens.ts';

test.use({ viewport: { width: 1366, height: 768 } });

test('«Скачать все результаты» gives one ZIP: a PDF per finished student and a summary of their profiles', async ({
  page,
  central,
}) => {
  const school = await central.ctx().db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
  const students = await classTakesPart({ url: central.url, ctx: central.ctx() }, school.id, central.code, [
    { surname: 'Соколова', name: 'Алёна', schoolClass: '9А', steps: 12 },
    { surname: 'Ёлкин', name: 'Пётр', schoolClass: '9А', steps: 7 },
    { surname: 'Ибрагимов', name: 'Тимур', schoolClass: '9Б', steps: 12 },
  ]);
  const cabinet = new CabinetPage(page);
  await cabinet.open(central.url);
  await cabinet.signIn(DEMO.coorganizer.email, DEMO.password);
  await cabinet.go('Результаты');
  await expect(page.getByTestId('results').getByRole('row')).toHaveCount(4);

  await page.getByRole('button', { name: 'Скачать все результаты', exact: true }).click();
  await expect(page.getByTestId('export-ready')).toHaveText(/^Архив готов: 2 результата, \d+ КБ\.$/);
  await snap(page, '13-results-export-ready');
  const file = await cabinet.download(page.getByRole('link', { name: 'Скачать архив', exact: true }));
  expect(file.suggestedFilename()).toMatch(/^Результаты учащихся \d{4}-\d{2}-\d{2}\.zip$/);

  const archive = await openResultsArchive(new Uint8Array(readFileSync((await file.path())!)));
  expect([...archive.pdfs.keys()].sort()).toEqual(['Ибрагимов Тимур, 9Б.pdf', 'Соколова Алёна, 9А.pdf']);
  for (const [name, pdf] of archive.pdfs) {
    const text = await pdfText(pdf);
    expect(text).toContain(name.replace(/, .*$/, ''));
    expect(text).toContain('Результат участия');
  }
  const pack = loadContentPack(TEST_PACK_FILE);
  const finished = students.filter((s) => s.steps === 12);
  expect(archive.rows).toHaveLength(finished.length);
  for (const s of finished) {
    const result = scoreParticipant(pack, await completedAnswers(central.ctx(), s.id));
    const row = archive.rows.find((r) => r[0] === s.surname && r[1] === s.name)!;
    expect(row.slice(2, 4)).toEqual([s.schoolClass, central.code]);
    expect(row.slice(4, 9)).toEqual(DOMAINS.map((d) => result.profile.find((p) => p.domain === d)!.percent));
    expect(row[10]).toBe(`${s.surname} ${s.name}, ${s.schoolClass}.pdf`);
  }

  // Downloaded: the server keeps no copy, and the section says how to get it again.
  await expect(page.getByText(/Архив скачан или устарел и удалён с сервера/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Скачать все результаты', exact: true })).toBeEnabled();
  await snap(page, '14-results-export-downloaded');
});
