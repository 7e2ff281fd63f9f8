/**
 * Taking part from home (instruction, step 6: «дистанционно с персональных электронных устройств
 * учащихся»). A student who registers on the web belongs to no school the server knows, and an
 * individual tariff is bought by no co-organizer: both are filed under this one school row, which
 * no co-organizer holds, no kiosk enrols in, and whose change feed nobody pulls. A web student who
 * applies a school's code is that school's student for «Результаты», as on a kiosk.
 */
import { webMessages } from './messages/web.ts';

export const WEB_SCHOOL_ID = '00000000-0000-7000-8000-000000000001';

/** The row itself; its region only fills the NOT NULL column (each student's own region rules). */
export const WEB_SCHOOL = { id: WEB_SCHOOL_ID, region: '77', locality: '—', name: webMessages.webSchoolName } as const;

/** An individual tariff is for one participant: the student who buys it. */
export const INDIVIDUAL_TARIFF_PLACES = 1;

/**
 * The time a UUIDv7 was made, in epoch ms. A page's outbox names each answer with such an id and
 * the server takes the mutation's time from it, so a resent answer is the very same mutation.
 */
export function uuidv7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
