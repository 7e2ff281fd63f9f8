/** Schools (educational organizations): region code, locality and name identify one. */
import type { Kysely, Transaction } from 'kysely';
import type { School } from '../../core/contracts/api.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { CentralDB } from '../db/schema.ts';

type Db = Kysely<CentralDB> | Transaction<CentralDB>;

export interface SchoolIdentity {
  region: string;
  locality: string;
  name: string;
}

/** Spaces typed twice or around a name must not make a second school. */
export function tidy(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export async function findSchool(db: Db, id: string): Promise<School | undefined> {
  return db.selectFrom('schools').select(['id', 'region', 'locality', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function findSchoolByIdentity(db: Db, s: SchoolIdentity): Promise<School | undefined> {
  return db
    .selectFrom('schools')
    .select(['id', 'region', 'locality', 'name'])
    .where('region', '=', s.region)
    .where('locality', '=', tidy(s.locality))
    .where('name', '=', tidy(s.name))
    .executeTakeFirst();
}

/** Returns the school with this identity, creating it when new (the unique index settles races). */
export async function ensureSchool(
  db: Db,
  s: SchoolIdentity,
  now: number,
): Promise<{ school: School; created: boolean }> {
  const found = await findSchoolByIdentity(db, s);
  if (found) return { school: found, created: false };
  const school = { id: uuidv7(now), region: s.region, locality: tidy(s.locality), name: tidy(s.name) };
  await db
    .insertInto('schools')
    .values({ ...school, created_at: now })
    .onConflict((oc) => oc.columns(['region', 'locality', 'name']).doNothing())
    .execute();
  const stored = await findSchoolByIdentity(db, s);
  if (!stored) throw new Error('school vanished after insert');
  return { school: stored, created: stored.id === school.id };
}

/** A school's region, locality or name corrected (the caller checks no other school has them). */
export async function updateSchool(db: Db, id: string, s: SchoolIdentity): Promise<void> {
  await db
    .updateTable('schools')
    .set({ region: s.region, locality: tidy(s.locality), name: tidy(s.name) })
    .where('id', '=', id)
    .execute();
}
