/**
 * A tariff: the co-organizer confirms a number of participants and the total cost follows.
 * The cabinet computes it as the co-organizer types and the server computes it again with this
 * same function; money is integer kopecks so no rounding ever differs between the two.
 */
import { z } from 'zod';

export const MIN_PARTICIPANTS = 1;
export const MAX_PARTICIPANTS = 10_000;

export const ParticipantCount = z
  .number({ error: 'Укажите количество участников числом' })
  .int('Количество участников должно быть целым числом')
  .min(MIN_PARTICIPANTS, `Количество участников — от ${MIN_PARTICIPANTS} до ${MAX_PARTICIPANTS}`)
  .max(MAX_PARTICIPANTS, `Количество участников — от ${MIN_PARTICIPANTS} до ${MAX_PARTICIPANTS}`);

export function tariffCostKopecks(participants: number, pricePerParticipantKopecks: number): number {
  ParticipantCount.parse(participants);
  if (!Number.isSafeInteger(pricePerParticipantKopecks) || pricePerParticipantKopecks < 0) {
    throw new RangeError('price per participant must be a non-negative integer of kopecks');
  }
  return participants * pricePerParticipantKopecks;
}

/** «1 234,50 ₽», the way a Russian invoice prints money. */
export function formatRubles(kopecks: number): string {
  const rub = Math.trunc(kopecks / 100);
  const kop = Math.abs(kopecks % 100);
  const grouped = Math.abs(rub)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const sign = kopecks < 0 ? '−' : '';
  return kop === 0 ? `${sign}${grouped}\u00a0₽` : `${sign}${grouped},${kop.toString().padStart(2, '0')}\u00a0₽`;
}
