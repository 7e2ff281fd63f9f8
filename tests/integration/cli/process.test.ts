/**
 * `npm run admin` as a real process: it finds the server's store from the same environment
 * (DATA_DIR for SQLite, DATABASE_URL for PostgreSQL), migrates it, and exits with its code.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCentralStore, type CentralStore } from '../../../sync-server/db/connect.ts';
import { DIALECTS, PG_URL, underSchemaLock } from '../../support/dialects.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function run(
  env: Record<string, string>,
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      TSX,
      ['sync-server/cli/admin.ts', ...argv],
      { cwd: ROOT, env: { PATH: process.env.PATH, ...env } },
      (err, stdout, stderr) => done({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

describe.each(DIALECTS)('admin CLI process on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'moe-cli-'));
  const schema = `cli_${process.pid}_${Date.now().toString(36)}`;
  const env: Record<string, string> =
    dialect === 'sqlite'
      ? { DATA_DIR: dir }
      : { DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}` };
  let store: CentralStore;

  beforeAll(async () => {
    if (dialect === 'postgres') await underSchemaLock((admin) => admin.query(`create schema ${schema}`));
  });
  afterAll(async () => {
    await store?.close();
    if (dialect === 'postgres') await underSchemaLock((admin) => admin.query(`drop schema ${schema} cascade`));
  });

  it('imports into the configured store and exits 1 when a row is bad', async () => {
    const csv = join(dir, 'schools.csv');
    writeFileSync(csv, '77;Москва;Школа № 1\n78;;Школа № 2\n');
    const r = await run(env, 'import-schools', csv);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('Строка 2: не указан населённый пункт');
    expect(r.stdout.trim()).toBe('Импортировано: 1, уже были: 0, с ошибками: 1.');
    store =
      dialect === 'sqlite'
        ? openCentralStore({ sqlitePath: join(dir, 'central.sqlite') })
        : openCentralStore({ databaseUrl: PG_URL, pgSchema: schema });
    const schools = await store.db.selectFrom('schools').select('name').execute();
    expect(schools).toEqual([{ name: 'Школа № 1' }]);
  });

  it('exits 0 with help and 2 with a bad command or configuration', async () => {
    const [help, nonsense, badConfig] = await Promise.all([
      run(env, 'help'),
      run(env, 'nonsense'),
      run({ ...env, DATABASE_URL: 'mysql://nope' }, 'help'),
    ]);
    expect([help.code, nonsense.code, badConfig.code]).toEqual([0, 2, 2]);
    expect(help.stdout).toContain('import-coorganizers');
    expect(badConfig.stderr).toContain('DATABASE_URL');
  });
});
