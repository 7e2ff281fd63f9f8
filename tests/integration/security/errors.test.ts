/**
 * An error nobody foresaw in a request (here: a table gone from under the server) is answered with
 * a 500 in the product's error format, logged, and the server keeps answering.
 */
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { rejectionMessages } from '../../../core/messages/rejections.ts';
import { loadConfig } from '../../../sync-server/config.ts';
import type { CentralStore } from '../../../sync-server/db/connect.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../../sync-server/server.ts';
import { freshStore } from '../../support/dialects.ts';

let store: CentralStore;
let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
  store = await freshStore('sqlite');
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  server = await startServer({
    config: loadConfig({ PORT: '0', LOG_LEVEL: 'info', DATA_DIR: '/tmp/moe-test' }),
    store,
    log: createLogger('info', sink),
  });
});
afterAll(async () => {
  await server.close();
  await store.close();
});

it('answers an unexpected failure with 500 INTERNAL, logs it, and stays up', async () => {
  await sql`drop table enrollment_codes`.execute(store.db);
  const res = await fetch(`${server.url}/api/sync/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: 'ABCD-EFGH', deviceName: 'ПК 1', instanceId: uuidv7(), appVersion: 't' }),
  });
  expect(res.status).toBe(500);
  const text = await res.text();
  expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: rejectionMessages.INTERNAL } });
  expect(text).not.toMatch(/enrollment_codes|at .*\.(ts|js):\d+/);
  const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; path?: string });
  expect(logged).toContainEqual(
    expect.objectContaining({ level: 50, msg: 'request failed', path: '/api/sync/enroll' }),
  );
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
