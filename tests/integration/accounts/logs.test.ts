/** Structured logs carry ids only: never a password, a hash, an e-mail or a person's name. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../sync-server/config.ts';
import type { CentralStore } from '../../../sync-server/db/connect.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../../sync-server/server.ts';
import { DIALECTS, freshStore } from '../../support/dialects.ts';
import { createCampaign, createSchool, FIXED_HASH, PASSWORD } from '../../support/factories.ts';
import { Client, createCoorganizer } from './helpers.ts';

describe.each(DIALECTS)('what the logs keep on %s', (dialect) => {
  let store: CentralStore;
  let server: RunningServer;
  const lines: string[] = [];

  beforeAll(async () => {
    store = await freshStore(dialect);
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'debug', DATA_DIR: '/tmp/moe-test' });
    server = await startServer({ config, store, log: createLogger('debug', sink) });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it('logs sign-ins, failures and tariffs by id alone', async () => {
    await createCampaign(server.ctx);
    const school = await createSchool(server.ctx, '77', 'Лицей имени Пушкина');
    const { email, id } = await createCoorganizer(server.ctx, school.id, 'ivanova.maria@school.ru');
    await new Client(server.url).login(email, 'neverno-123');
    await new Client(server.url).login('nobody@school.ru', PASSWORD);
    const c = new Client(server.url);
    await c.login(email);
    expect((await c.post('/api/cabinet/tariffs', { participants: 7 })).status).toBe(201);
    await c.post('/api/auth/logout');

    const all = lines.join('');
    expect(all).toContain(id);
    expect(all).toContain('"msg":"tariff obtained"');
    for (const secret of [
      email,
      'ivanova',
      'nobody@school.ru',
      PASSWORD,
      'neverno-123',
      FIXED_HASH,
      FIXED_HASH.split('$')[5]!,
      'Соорганизатор',
      'Пушкина',
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toContain('mb_session=');
  });
});
