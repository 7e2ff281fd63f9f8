/** Bad input never crashes the server or leaks a stack; personal data never reaches the log. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { ConfigError, loadConfig } from '../../../sync-server/config.ts';
import { createEnrollmentCode } from '../../../sync-server/devices/devices.service.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../../sync-server/server.ts';
import { freshStore } from '../../support/dialects.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { createCampaign, createSchool, enroll, MutationMaker, TEST_PACK_FILE } from '../../support/factories.ts';

describe('the HTTP edge', () => {
  let server: RunningServer;
  let store: Awaited<ReturnType<typeof freshStore>>;
  let device: DeviceClient;
  let logged = '';

  beforeAll(async () => {
    store = await freshStore('sqlite');
    const sink = new Writable({
      write(chunk, _enc, done) {
        logged += String(chunk);
        done();
      },
    });
    const config = {
      ...loadConfig({ PORT: '0', LOG_LEVEL: 'trace', MAX_BODY_KB: '64' }),
      contentPackFile: TEST_PACK_FILE,
    };
    server = await startServer({ config, store, log: createLogger('trace', sink) });
    await createCampaign(server.ctx);
    const school = await createSchool(server.ctx);
    const e = await enroll(server.url, server.ctx, school.id);
    device = new DeviceClient(server.url, e.credential, e.instanceId);
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device.credential}`, ...headers },
      body,
    });

  it('answers malformed JSON with 400 and a Russian reason, without a stack trace', async () => {
    const res = await post('/api/sync/push', '{"mutations": [');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text).error.message).toMatch(/Запрос заполнен неверно/);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers an oversized body with 413', async () => {
    const res = await post('/api/sync/push', JSON.stringify({ mutations: [], pad: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers wrongly typed fields with 400 naming the field', async () => {
    const res = await post('/api/sync/push', JSON.stringify({ mutations: 'все' }));
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields)).toContain('mutations');
    const tooMany = await post(
      '/api/sync/push',
      JSON.stringify({ mutations: Array.from({ length: 501 }, () => ({})) }),
    );
    expect(tooMany.status).toBe(400);
  });

  it('answers an unknown API path with a JSON 404 and a missing credential with 401', async () => {
    expect((await fetch(`${server.url}/api/nothing-here`)).status).toBe(404);
    const res = await fetch(`${server.url}/api/sync/pull`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('DEVICE_UNKNOWN');
  });

  it('lets an enrollment code enroll exactly one device', async () => {
    const school = await createSchool(server.ctx);
    const { code } = await createEnrollmentCode(server.ctx, school.id, 'test');
    const body = (name: string) =>
      JSON.stringify({ enrollmentCode: code.toLowerCase(), deviceName: name, instanceId: uuidv7(), appVersion: 't' });
    expect((await post('/api/sync/enroll', body('ПК 1'))).status).toBe(201);
    const again = await post('/api/sync/enroll', body('ПК 2'));
    expect(again.status).toBe(403);
    expect((await again.json()).error.code).toBe('ENROLLMENT_INVALID');
  });

  it('never writes a student’s name, e-mail or password hash to the log', async () => {
    const maker = new MutationMaker();
    const reg = maker.register(uuidv7(), 'secret.student@school.ru');
    await device.push([reg, reg]);
    await post('/api/sync/participant', JSON.stringify({ email: 'secret.student@school.ru', password: 'wrong-one1' }));
    expect(logged.length).toBeGreaterThan(0);
    for (const secret of ['secret.student@school.ru', 'Иванова', reg.args.passwordHash, 'wrong-one1'])
      expect(logged).not.toContain(secret);
  });
});

describe('configuration', () => {
  it('names every bad variable at start-up', () => {
    const attempt = () => loadConfig({ PORT: 'восемь', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://r' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/DATABASE_URL: must start with postgres/);
      expect((err as Error).message).toMatch(/REDIS_URL/);
    }
  });
});
