/**
 * Password hashing with scrypt (Node only: the kiosk host and the server; never the renderer).
 * Kiosks hash at registration and verify offline against pulled hashes, so both sides must
 * share one format: scrypt$N$r$p$salt$hash, base64url.
 *
 * The async forms run on libuv's thread pool (the server: many logins at once). The sync forms
 * run on the calling thread, for the kiosk host: one student signs in at a time there, and each
 * pool thread that ever ran scrypt keeps ~16 MB of arena memory on a 4 GB lab PC.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16_384;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

interface Parsed {
  salt: Buffer;
  expected: Buffer;
  opts: ScryptOptions;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![n, r, p].every(Number.isSafeInteger) || n > 1 << 20) return null;
  return {
    salt: Buffer.from(parts[4]!, 'base64url'),
    expected: Buffer.from(parts[5]!, 'base64url'),
    opts: { N: n, r, p },
  };
}

const format = (salt: Buffer, key: Buffer) =>
  `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
const same = (key: Buffer, expected: Buffer) => key.length === expected.length && timingSafeEqual(key, expected);
const text = (password: string) => password.normalize('NFKC');

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(text(password), salt, KEYLEN, { ...opts, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return format(salt, await derive(password, salt, { N, r: R, p: P }));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const s = parse(stored);
  return !!s && same(await derive(password, s.salt, s.opts), s.expected);
}

export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16);
  return format(salt, scryptSync(text(password), salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM }));
}

export function verifyPasswordSync(password: string, stored: string): boolean {
  const s = parse(stored);
  return !!s && same(scryptSync(text(password), s.salt, KEYLEN, { ...s.opts, maxmem: MAXMEM }), s.expected);
}
