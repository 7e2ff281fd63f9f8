import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK } from '../../../core/content/index.ts';
import { renderResultPdf } from '../../../core/documents/index.ts';
import { loadFonts } from '../../../core/node/fonts.ts';
import { scoreParticipant } from '../../../core/scoring/index.ts';
import { allSteps, bestFor } from '../scoring/answers.factory.ts';
import { LONG_NAME, LONG_SCHOOL, resultInput } from './documents.factory.ts';
import { keepArtifact, outOfBounds, readPdf } from './pdf.helpers.ts';

const fonts = loadFonts();

describe('the result PDF', () => {
  it('shows the student, school, class and date in extractable Cyrillic', async () => {
    const pdf = renderResultPdf(resultInput(), fonts);
    keepArtifact('result', pdf);
    const text = (await readPdf(pdf)).map((p) => p.text).join('\n');
    for (const s of ['Результат участия', 'Иванова Мария', 'МБОУ «Лицей № 9»', '8Б', '16 декабря 2026 г.']) {
      expect(text).toContain(s);
    }
  });

  it('draws the profile over the five domains and explains it', async () => {
    const input = resultInput();
    const text = (await readPdf(renderResultPdf(input, fonts))).map((p) => p.text).join('\n');
    for (const p of input.result.profile) {
      expect(text).toContain(p.title);
      expect(text).toContain(`${p.percent} %`);
    }
    expect(text).toContain('Что это значит');
    expect(text).toContain(input.result.summary.slice(0, 40));
  });

  it('recommends fields and professions, quotes the shortlist and says it is advisory', async () => {
    const text = (await readPdf(renderResultPdf(resultInput(), fonts))).map((p) => p.text).join('\n');
    expect(text).toContain('Сферы и профессии, к которым стоит присмотреться');
    expect(text).toMatch(/инженер-робототехник/);
    expect(text).toContain('Ваш список профессий');
    expect(text).toContain('Что попробовать дальше');
    expect(text).toMatch(/рекомендательный\s+характер/);
  });

  it('keeps a long name and school name on the page, wrapped, not cut', async () => {
    const pdf = renderResultPdf(resultInput({ fullName: LONG_NAME, schoolName: LONG_SCHOOL }), fonts);
    keepArtifact('result-long-names', pdf);
    const pages = await readPdf(pdf);
    const text = pages.map((p) => p.text).join('\n');
    expect(text).toContain(LONG_NAME);
    expect(text.replace(/\s+/g, ' ')).toContain('имени Героя Советского Союза');
    for (const page of pages) expect(outOfBounds(page)).toEqual([]);
  });

  it('numbers its pages and keeps every line inside the margins', async () => {
    const pages = await readPdf(renderResultPdf(resultInput(), fonts));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      expect(page.text).toContain(`Страница ${i + 1} из ${pages.length}`);
      expect(outOfBounds(page)).toEqual([]);
    });
  });

  it('says when the profile is built from part of the steps', async () => {
    const answers = allSteps(DEFAULT_PACK, (i) => bestFor(i, 'art'));
    const partial = scoreParticipant(DEFAULT_PACK, { 1: answers[1], 2: answers[2], 3: answers[3] });
    const pdf = renderResultPdf(resultInput({ result: partial }), fonts);
    keepArtifact('result-partial', pdf);
    expect((await readPdf(pdf))[0]!.text).toContain('Выполнено заданий: 3 из 12.');
  });

  it('embeds PT Sans and no other font', () => {
    const raw = new TextDecoder('latin1').decode(renderResultPdf(resultInput(), fonts));
    expect(raw).toContain('/BaseFont /PTSans');
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });
});
