/** Inputs for the documents: a student with a realistic, mixed result, and a long-named one. */
import { DEFAULT_PACK } from '../../../core/content/index.ts';
import type { ResultPdfInput } from '../../../core/documents/index.ts';
import type { AnswerValue } from '../../../core/mutations/schemas.ts';
import { scoreParticipant, type ScoringResult } from '../../../core/scoring/index.ts';
import { allSteps, bestFor } from '../scoring/answers.factory.ts';

/** Mostly «техника», with a liking for «знаковая система» and a little «образ». */
export function mixedResult(): ScoringResult {
  const answers = allSteps(DEFAULT_PACK, (i) => bestFor(i, 'technic')) as Record<number, Record<string, AnswerValue>>;
  Object.assign(answers[4]!, { 'int-sign-1': 5, 'int-sign-2': 4, 'int-art-1': 3 });
  Object.assign(answers[6]!, { 'can-sign-1': 5, 'can-sign-2': 4 });
  Object.assign(answers[8]!, { 'value-sign': 5, 'value-human': 3 });
  Object.assign(answers[9]!, { hike: 'hike-sign', video: 'video-sign' });
  return scoreParticipant(DEFAULT_PACK, answers);
}

export function resultInput(overrides: Partial<ResultPdfInput> = {}): ResultPdfInput {
  return {
    fullName: 'Иванова Мария',
    schoolName: 'МБОУ «Лицей № 9»',
    schoolClass: '8Б',
    campaignTitle: 'Моё будущее — 2026',
    date: '2026-12-16',
    result: mixedResult(),
    ...overrides,
  };
}

export const LONG_NAME = 'Константинопольская-Щедрина Александра-Мария';
export const LONG_SCHOOL =
  'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 12 с углублённым изучением отдельных предметов имени Героя Советского Союза А. И. Покрышкина» города Новосибирска';
