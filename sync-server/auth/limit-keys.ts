/**
 * Rate-limit keys as they leave the process: «login:ip:10.1.2.3» becomes «login:ip:<HMAC>». The
 * scope and kind stay readable for whoever runs Redis; the address (or account) does not, and
 * without the server's secret it cannot be recovered by hashing every IPv4 address. All nodes
 * read the same secret from the central store, so they still count one key together.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CentralDB } from '../db/schema.ts';

const SECRET_NAME = 'limit-keys';

export function opaqueLimitKey(secret: string, key: string): string {
  const kindEnd = key.indexOf(':', key.indexOf(':') + 1);
  const visible = kindEnd < 0 ? '' : key.slice(0, kindEnd + 1);
  return visible + createHmac('sha256', secret).update(key).digest('base64url').slice(0, 32);
}

/** The deployment's secret for limit keys: made by the first node that asks, shared after. */
export async function limitKeySecret(db: Kysely<CentralDB>): Promise<string> {
  await db
    .insertInto('server_secrets')
    .values({ name: SECRET_NAME, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', SECRET_NAME)
    .executeTakeFirstOrThrow();
  return row.value;
}
