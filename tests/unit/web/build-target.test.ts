/**
 * The participants' web page runs on old lab PCs (Chrome 109, the last on Windows 7) and in
 * Firefox ESR 115: the screens are built here as for the server, and every emitted script must
 * parse as ES2022 (what both support) and call none of the newer built-ins unguarded.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'acorn';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Built-ins Chrome 109 or Firefox 115 lack, as a direct call would spell them in a bundle. */
const NEWER_CALLS = [
  /\.isWellFormed\(/, // Chrome 111, Firefox 119
  /\.toWellFormed\(/,
  /\.toSorted\(/, // Chrome 110
  /\.toReversed\(/,
  /\.toSpliced\(/,
  /\bObject\.groupBy\(/, // Chrome 117
  /\bMap\.groupBy\(/,
  /\bPromise\.withResolvers\(/, // Chrome 119
  /\bArray\.fromAsync\(/, // Chrome 121
  /\bIntl\.Segmenter\b/, // Firefox 125
  /\bIterator\.from\(/,
  /\bPromise\.try\(/,
  /\bURL\.parse\(/, // Chrome 126
];

let dir: string;
let scripts: { name: string; code: string }[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'moe-web-build-'));
  await build({
    configFile: resolve(import.meta.dirname, '../../../renderer/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: dir, emptyOutDir: true },
  });
  const assets = join(dir, 'assets');
  scripts = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((name) => ({ name, code: readFileSync(join(assets, name), 'utf8') }));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the web build for Chrome 109 and Firefox ESR', () => {
  it('emits scripts', () => {
    expect(scripts.length).toBeGreaterThan(0);
  });

  it('uses no syntax newer than ES2022', () => {
    for (const { name, code } of scripts) {
      expect(() => parse(code, { ecmaVersion: 2022, sourceType: 'module' }), name).not.toThrow();
    }
  });

  it('calls no built-in those browsers lack', () => {
    for (const { name, code } of scripts) {
      const found = NEWER_CALLS.filter((re) => re.test(code)).map(String);
      expect(found, name).toEqual([]);
    }
  });
});
