/**
 * A mutation's stored text and its fingerprint: same id + same text is a retry; different text is
 * a conflict. The text is the *parsed* mutation's JSON: zod rebuilds objects in schema order, so
 * it is canonical without a sorting pass, and it is computed once per mutation (it is also the
 * payload the log keeps). A device resends exactly what it stored, envelope included.
 *
 * Not a cryptographic hash: it only tells a device's own retry from a changed mutation, and a
 * device gains nothing by colliding with itself. A 53-bit mix (cyrb53) costs a fraction of a
 * SHA-256 object per mutation, which was a sixth of the ingest path.
 */
export function fingerprint(m: object): { payload: string; hash: string } {
  const payload = JSON.stringify(m);
  return { payload, hash: cyrb53(payload) };
}

function cyrb53(text: string): string {
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
