/**
 * UUIDv7 ids, made where a record is born (kiosk or server), so a record keeps its identity
 * when it syncs. Time-ordered, which keeps B-tree inserts cheap. Uses Web Crypto, present in
 * Node 20 and every browser, so the renderer and both hosts share this.
 */
let lastMs = 0;
let seq = 0;

// One getRandomValues call per id cost ~10 µs, most of an id's price; drawing from a pool of
// random bytes refilled 4 KiB at a time keeps the same source at a fraction of the cost.
const pool = new Uint8Array(4096);
let poolAt = pool.length;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function uuidv7(now: number = Date.now()): string {
  now = Math.floor(now);
  if (poolAt + 10 > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 10;
  // Keep ids monotonic within one process even inside a single millisecond.
  if (now > lastMs) {
    lastMs = now;
    seq = ((pool[r]! << 8) | pool[r + 1]!) & 0x7ff;
  } else {
    seq += 1;
    if (seq > 0xfff) {
      lastMs += 1;
      seq = 0;
    }
    now = lastMs;
  }
  // 48 bits of milliseconds as 12 hex digits (safe integers cover them exactly).
  const ms = now.toString(16).padStart(12, '0');
  let tail = HEX[0x80 | (pool[r + 2]! & 0x3f)]!;
  tail += HEX[pool[r + 3]!];
  tail += '-';
  for (let i = r + 4; i < r + 10; i++) tail += HEX[pool[i]!];
  const ver = `7${(seq >> 8).toString(16)}${HEX[seq & 0xff]}`;
  return `${ms.slice(0, 8)}-${ms.slice(8)}-${ver}-${tail}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
