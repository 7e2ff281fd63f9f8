import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('../../../core/', import.meta.url));
/** The kiosk renderer runs these offline in the browser, where Node's globals do not exist. */
const BROWSER_DIRS = ['content', 'scoring', 'documents'];
const NODE_GLOBALS = /\bprocess\.(env|argv|cwd|platform|exit|versions)\b|\bBuffer\.|\brequire\(|__dirname|__filename/;

describe('document, scoring and content code', () => {
  it.each(BROWSER_DIRS)('core/%s uses no Node globals (the lint rule covers imports only)', (dir) => {
    const offenders = readdirSync(`${CORE}${dir}`, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => NODE_GLOBALS.test(readFileSync(`${CORE}${dir}/${f}`, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
