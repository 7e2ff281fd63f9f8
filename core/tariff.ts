/**
 * A tariff: the co-organizer confirms a number of participants and the total cost follows.
 * The cabinet computes it as the co-organizer types and the server computes it again with this
 * same function; money is integer kopecks so no rounding ever differs between the two.
 */
import { z } from 'zod';
import { formatNumberRu } from './messages/numbers.ts';

export const MIN_PARTICIPANTS = 1;
export const MAX_PARTICIPANTS = 10_000;

/** «от 1 до 10 000», as the cabinet's hint and every refusal of a count write it. */
export const PARTICIPANTS_RANGE = `от ${formatNumberRu(MIN_PARTICIPANTS)} до ${formatNumberRu(MAX_PARTICIPANTS)}`;

export const ParticipantCount = z
  .number({ error: 'Укажите количество участников числом' })
  .int('Количество участников должно быть целым числом')
  .min(MIN_PARTICIPANTS, `Количество участников — ${PARTICIPANTS_RANGE}`)
  .max(MAX_PARTICIPANTS, `Количество участников — ${PARTICIPANTS_RANGE}`);

export function tariffCostKopecks(participants: number, pricePerParticipantKopecks: number): number {
  ParticipantCount.parse(participants);
  if (!Number.isSafeInteger(pricePerParticipantKopecks) || pricePerParticipantKopecks < 0) {
    throw new RangeError('price per participant must be a non-negative integer of kopecks');
  }
  return participants * pricePerParticipantKopecks;
}

/** «1 234,50 ₽», the way a Russian invoice prints money (digits grouped as every number is, see numbers.ts). */
export function formatRubles(kopecks: number): string {
  const rub = Math.trunc(kopecks / 100);
  const kop = Math.abs(kopecks % 100);
  const grouped = formatNumberRu(Math.abs(rub));
  const sign = kopecks < 0 ? '−' : '';
  return kop === 0 ? `${sign}${grouped}\u00a0₽` : `${sign}${grouped},${kop.toString().padStart(2, '0')}\u00a0₽`;
}
