import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = (...files: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'core/node/validate-pack-cli.ts', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
  });

describe('checking a pack from the command line', () => {
  it('accepts the shipped pack and summarises it', () => {
    const r = run('core/content/packs/moe-budushchee.json');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('шагов 12, около 60 мин.');
  });

  it('refuses a broken pack with its problems and exit code 1', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pack-')), 'broken.json');
    writeFileSync(file, JSON.stringify({ id: 'broken', version: '1', title: 'Сломанный', steps: [] }));
    const r = run(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ошибка: steps:');
  });
});
