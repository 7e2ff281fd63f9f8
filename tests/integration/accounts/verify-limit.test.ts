/** The public certificate check answers 60 lookups a minute per address, then asks to wait. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { Client } from './helpers.ts';

const REASON = 'Слишком много проверок сертификатов с этого адреса. Подождите минуту и проверьте снова.';
const SERIAL = 'MB-2026-AAAA2222';

describe('certificate lookup limit', () => {
  let server: TestServer;
  const from = (ip: string) => new Client(server.url, { 'x-forwarded-for': ip });

  beforeAll(async () => {
    server = await startTestServer('sqlite', { trustProxy: true });
  });
  afterAll(() => server.stop());

  it('refuses the 61st lookup in a minute with 429, a Russian reason and Retry-After', async () => {
    const phone = from('10.0.0.1');
    for (let i = 0; i < 60; i++) expect((await phone.get(`/api/verify/${SERIAL}`)).status).toBe(404);
    const refused = await phone.get(`/api/verify/${SERIAL}`);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { code: 'TOO_MANY_LOOKUPS', message: REASON } });
    // The server's clock stands still here, so the whole minute is left.
    expect(refused.headers.get('retry-after')).toBe('60');
  });

  it('shows the refusal as the page the QR code opened, not as JSON', async () => {
    const res = await fetch(`${server.url}/verify/${SERIAL}`, { headers: { 'x-forwarded-for': '10.0.0.1' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.text()).toContain(REASON);
  });

  it('counts the address the proxy saw, whatever the client wrote before it in X-Forwarded-For', async () => {
    for (let i = 0; i < 60; i++) {
      const spoofed = new Client(server.url, { 'x-forwarded-for': `203.0.113.${i}, 10.0.0.9` });
      expect((await spoofed.get(`/api/verify/${SERIAL}`)).status).toBe(404);
    }
    const again = new Client(server.url, { 'x-forwarded-for': '198.51.100.7, 10.0.0.9' });
    expect((await again.get(`/api/verify/${SERIAL}`)).status).toBe(429);
  });

  it('does not hold back another address', async () => {
    expect((await from('10.0.0.2').get(`/api/verify/${SERIAL}`)).status).toBe(404);
  });

  it('lets the address check again once the minute has passed', async () => {
    server.setNow(server.ctx.now() + 60_001);
    expect((await from('10.0.0.1').get(`/api/verify/${SERIAL}`)).status).toBe(404);
  });
});
