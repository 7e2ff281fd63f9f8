/** «…автоматически будет осуществлен подсчет итоговой стоимости»: cost = participants × price, in kopecks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatRubles,
  MAX_PARTICIPANTS,
  MIN_PARTICIPANTS,
  ParticipantCount,
  tariffCostKopecks,
} from '../../../core/tariff.ts';

describe('tariff cost', () => {
  it('is participants times the price, at the bounds 1 and 10 000 included', () => {
    expect(tariffCostKopecks(1, 15_000)).toBe(15_000);
    expect(tariffCostKopecks(10_000, 15_000)).toBe(150_000_000);
    expect([MIN_PARTICIPANTS, MAX_PARTICIPANTS]).toEqual([1, 10_000]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 100_000_00 }), (n, price) => {
        const cost = tariffCostKopecks(n, price);
        expect(Number.isSafeInteger(cost)).toBe(true);
        expect(cost).toBe(n * price);
      }),
    );
  });

  it('refuses 0, 10 001, 1.5 and non-numbers with a Russian reason', () => {
    for (const n of [0, 10_001, 1.5, -1, Number.NaN]) expect(() => tariffCostKopecks(n, 100)).toThrow();
    expect(ParticipantCount.safeParse(0).error?.issues[0]?.message).toBe('Количество участников — от 1 до 10\u202f000');
    expect(ParticipantCount.safeParse(10_001).error?.issues[0]?.message).toBe(
      'Количество участников — от 1 до 10\u202f000',
    );
    expect(ParticipantCount.safeParse(1.5).error?.issues[0]?.message).toBe(
      'Количество участников должно быть целым числом',
    );
    expect(ParticipantCount.safeParse('12').error?.issues[0]?.message).toBe('Укажите количество участников числом');
  });

  it('refuses a negative or fractional price', () => {
    expect(() => tariffCostKopecks(5, -1)).toThrow(RangeError);
    expect(() => tariffCostKopecks(5, 10.5)).toThrow(RangeError);
  });

  it('prints as a Russian invoice does', () => {
    // Digits in groups of three, apart by a thin no-break space (as every number on the screens).
    expect(formatRubles(150_000_000)).toBe('1\u202f500\u202f000\u00a0₽');
    expect(formatRubles(123_450)).toBe('1\u202f234,50\u00a0₽');
    expect(formatRubles(5)).toBe('0,05\u00a0₽');
  });
});
