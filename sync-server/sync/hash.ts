/**
 * A mutation's content fingerprint: same id + same content is a retry; different content is a
 * conflict. Computed over the *parsed* body: zod rebuilds objects in schema order, so the JSON is
 * canonical without a sorting pass.
 *
 * Not a cryptographic hash: it only tells a device's own retry from a changed mutation, and a
 * device gains nothing by colliding with itself. A 53-bit mix (cyrb53) costs a fraction of a
 * SHA-256 object per mutation, which was a sixth of the ingest path.
 */
export function contentHash(name: string, args: unknown): string {
  const text = JSON.stringify([name, args]);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36) + `.${text.length.toString(36)}`;
}
