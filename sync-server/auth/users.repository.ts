/** Organizers and co-organizers: the accounts that sign in to the cabinet and the dashboard. */
import type { Kysely, Transaction } from 'kysely';
import type { Me, Role } from '../../core/contracts/api.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { CentralDB } from '../db/schema.ts';

type Db = Kysely<CentralDB> | Transaction<CentralDB>;

export interface NewUser {
  role: Role;
  email: string;
  fullName: string;
  passwordHash: string;
  schoolId: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(db: Db, u: NewUser, now: number): Promise<string> {
  const id = uuidv7(now);
  await db
    .insertInto('users')
    .values({
      id,
      role: u.role,
      email: normalizeEmail(u.email),
      full_name: u.fullName,
      password_hash: u.passwordHash,
      school_id: u.schoolId,
      created_at: now,
    })
    .execute();
  return id;
}

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

/** The signed-in user as the screens see it, with the school a co-organizer belongs to. */
export async function loadMe(db: Db, userId: string): Promise<Me | null> {
  const row = await db
    .selectFrom('users')
    .leftJoin('schools', 'schools.id', 'users.school_id')
    .select([
      'users.id',
      'users.role',
      'users.email',
      'users.full_name',
      'schools.id as school_id',
      'schools.region',
      'schools.locality',
      'schools.name as school_name',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  const school =
    row.school_id !== null && row.region !== null && row.locality !== null && row.school_name !== null
      ? { id: row.school_id, region: row.region, locality: row.locality, name: row.school_name }
      : null;
  return { id: row.id, role: row.role, email: row.email, fullName: row.full_name, school };
}

export async function findUser(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A co-organizer's name and e-mail, as the organizer corrects them. */
export async function updateUserContact(db: Db, id: string, c: { email: string; fullName: string }): Promise<void> {
  await db
    .updateTable('users')
    .set({ email: normalizeEmail(c.email), full_name: c.fullName })
    .where('id', '=', id)
    .execute();
}

/** A new password; every session of the user ends with it. */
export async function setUserPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  await db.deleteFrom('sessions').where('user_id', '=', id).execute();
}
