/**
 * «Количество участников» in «Получить тарифы для участников» (instruction 1.1): the cost appears
 * as the count is typed, so a count out of range is refused as it is typed too, and the hint and
 * the refusal write 10 000 the same way.
 */
import { describe, expect, it } from 'vitest';
import { cabinetMessages as c } from '../../../core/messages/cabinet-screens.ts';
import { readCount } from '../../../renderer/src/cabinet/services/cabinet.service.ts';

const RANGE = 'Количество участников — от 1 до 10\u202f000';

describe('«Количество участников» as it is typed', () => {
  it('nothing typed yet: no count and nothing wrong', () => {
    expect(readCount('')).toEqual({ participants: null, problem: null });
    expect(readCount('  ')).toEqual({ participants: null, problem: null });
  });

  it('a count, with the spaces a teacher may type', () => {
    expect(readCount('25')).toEqual({ participants: 25, problem: null });
    expect(readCount('10 000')).toEqual({ participants: 10_000, problem: null });
  });

  it('0, 10 001 and text are refused at once, with the reason', () => {
    expect(readCount('0')).toEqual({ participants: null, problem: RANGE });
    expect(readCount('10001')).toEqual({ participants: null, problem: RANGE });
    expect(readCount('abc')).toEqual({ participants: null, problem: 'Укажите количество участников числом' });
  });

  it('the hint writes the range as the refusal does', () => {
    expect(c.tariffs.countHint).toBe('Целое число от 1 до 10\u202f000');
    expect(RANGE).toContain(c.tariffs.countHint.replace('Целое число ', ''));
  });
});
