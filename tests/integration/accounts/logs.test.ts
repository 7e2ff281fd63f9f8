/**
 * Structured logs carry ids only: never a password, a hash, an e-mail or a person's name, not
 * even when a co-organizer sets a student's new password.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../sync-server/config.ts';
import type { CentralStore } from '../../../sync-server/db/connect.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../../sync-server/server.ts';
import { DIALECTS, freshStore } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, FIXED_HASH, PASSWORD } from '../../support/factories.ts';
import { classTakesPart } from '../results/helpers.ts';
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

  it('logs a student’s new password by ids alone: no password, hash, e-mail or name', async () => {
    const campaign = await createCampaign(server.ctx);
    const school = await createSchool(server.ctx, '77', 'Гимназия № 3');
    const { code } = await createTariff(server.ctx, campaign.id, school.id, 5);
    const [student] = await classTakesPart(server, school.id, code, [
      { surname: 'Забывчивая', name: 'Ольга', schoolClass: '7В', steps: 0 },
    ]);
    const c = new Client(server.url);
    await c.login((await createCoorganizer(server.ctx, school.id)).email);
    lines.length = 0;
    const r = await c.post<{ password: string }>(`/api/cabinet/students/${student!.id}/password`);
    expect(r.status).toBe(200);
    const { password_hash: hash } = await server.ctx.db
      .selectFrom('participants')
      .select('password_hash')
      .where('id', '=', student!.id)
      .executeTakeFirstOrThrow();

    const all = lines.join('');
    expect(all).toContain('"msg":"student password changed"');
    expect(all).toContain(student!.id);
    for (const secret of [r.body.password, hash, hash.split('$')[5]!, student!.email, 'Забывчивая', 'Ольга']) {
      expect(all).not.toContain(secret);
    }
  });
});
