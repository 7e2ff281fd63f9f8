/**
 * A mutation's content fingerprint: same id + same content is a retry; different content is a
 * conflict. Computed over the *parsed* body: zod rebuilds objects in schema order, so the JSON
 * is canonical without a sorting pass (which cost a third of the ingest path).
 */
import { createHash } from 'node:crypto';

export function contentHash(name: string, args: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([name, args]))
    .digest('base64url');
}
