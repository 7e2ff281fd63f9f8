/**
 * A one-time link on which a new co-organizer sets a first password of their own, instead of the
 * organizer handing over one (issue 14). The token (256 random bits) travels only in the link's
 * fragment (#/password/TOKEN), which browsers never send to a server or a log; the store keeps its
 * SHA-256. It works once, for LINK_TTL_MS, and a newer link for the same person replaces it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { SetPasswordRequest } from '../../core/contracts/api.ts';
import type { SetPasswordLink } from '../../core/contracts/directory.ts';
import { hashPassword } from '../../core/node/password.ts';
import type { ServerContext } from '../context.ts';
import type { CentralDB } from '../db/schema.ts';
import { digest, newCredential } from '../devices/secrets.ts';
import { HttpError } from '../http/errors.ts';
import { insertPasswordLink, takePasswordLink } from './password-links.repository.ts';
import { setUserPassword } from './users.repository.ts';

/** Three days: time for a letter to reach a teacher and be opened. */
export const LINK_TTL_MS = 72 * 3_600_000;

/** The screens' route that sets a password from a link's token. */
export const linkUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/$/, '')}/#/password/${token}`;

export async function issuePasswordLink(
  db: Kysely<CentralDB> | Transaction<CentralDB>,
  userId: string,
  now: number,
  baseUrl: string,
): Promise<SetPasswordLink> {
  const token = newCredential();
  const expiresAt = now + LINK_TTL_MS;
  await insertPasswordLink(db, { tokenHash: digest(token), userId, expiresAt }, now);
  return { url: linkUrl(baseUrl, token), expiresAt };
}

/** Sets the password of the link's user and uses the link up; every sign-in they had ends. */
export async function setPasswordByLink(ctx: ServerContext, input: SetPasswordRequest): Promise<void> {
  // Hashing (scrypt) comes first, so the transaction is short.
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    const userId = await takePasswordLink(trx, digest(input.token), ctx.now());
    if (!userId) throw HttpError.of(410, 'LINK_INVALID');
    await setUserPassword(trx, userId, passwordHash);
  });
}
