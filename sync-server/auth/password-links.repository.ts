/** The store's one-time set-password links: kept by the token's digest, taken once. */
import type { Kysely, Transaction } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

type Db = Kysely<CentralDB> | Transaction<CentralDB>;

/** Stores a new link for the user; an earlier link of theirs that was not used stops working. */
export async function insertPasswordLink(
  db: Db,
  link: { tokenHash: string; userId: string; expiresAt: number },
  now: number,
): Promise<void> {
  await db.deleteFrom('password_links').where('user_id', '=', link.userId).where('used_at', 'is', null).execute();
  await db
    .insertInto('password_links')
    .values({ token_hash: link.tokenHash, user_id: link.userId, expires_at: link.expiresAt, created_at: now })
    .execute();
}

/**
 * Marks the link used and gives its user, if it is unused and not expired; one statement, so two
 * uses at once cannot both win.
 */
export async function takePasswordLink(db: Db, tokenHash: string, now: number): Promise<string | undefined> {
  const row = await db
    .updateTable('password_links')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}
