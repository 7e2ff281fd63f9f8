/**
 * The one kiosk API router (shared by IPC and HTTP): it refuses foreign senders, unknown
 * channels and invalid payloads before any handler runs, and answers with Russian messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../electron/host/core.ts';
import { isAppAddress } from '../../../electron/shell/origin.ts';
import { startTestCore } from '../../support/kiosk/core.ts';

const APP_PAGE = 'app://kiosk/index.html';

describe('kiosk API router', () => {
  let core: KioskCore;
  beforeAll(async () => {
    core = await startTestCore();
  });
  afterAll(() => core.close());

  const call = (channel: unknown, input: unknown, senderUrl: string | undefined = APP_PAGE) =>
    core.dispatch(channel, input, { sessionId: null, senderUrl });

  it('answers the app’s own page', async () => {
    const r = await call('status', {});
    expect(r.ok).toBe(true);
    expect(r.ok && (r.value as { enrolled: boolean }).enrolled).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'app://kiosk.evil.example/index.html',
    'app://evil/?host=kiosk',
    'app://evil/app://kiosk/',
    'http://kiosk/index.html',
    'file:///C:/kiosk/index.html',
    'app://user:pw@kiosk/',
    'about:blank',
    'not a url',
  ])('refuses a call sent by %s', async (sender) => {
    const r = await call('status', {}, sender);
    expect(r).toMatchObject({ ok: false, status: 403, error: { code: 'FOREIGN_SENDER' } });
  });

  it.each(['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined])(
    'refuses the unknown channel %s',
    async (channel) => {
      const r = await call(channel, {});
      expect(r).toMatchObject({ ok: false, status: 404, error: { code: 'UNKNOWN_CHANNEL' } });
    },
  );

  it('refuses an invalid payload with a Russian message per field', async () => {
    const r = await call('register', {
      profile: { surname: 'Петрова', name: '', region: '77', email: 'not-an-email' },
      password: 'short',
      consentVersion: 'v1',
      parentConsent: { by: '', how: 'by-pigeon' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status).toBe(400);
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.fields?.['profile.email']).toMatch(/e-mail/);
    expect(r.error.fields?.['password']).toMatch(/Пароль/);
    expect(r.error.fields?.['parentConsent.by']).toBe('Укажите фамилию, имя и отчество родителя');
    expect(r.error.fields?.['parentConsent.how']).toBe('Выберите, как дано согласие родителя');
  });

  it('says in plain Russian what an empty sign-in lacks', async () => {
    const r = await call('login', { email: '', password: '' });
    expect(r).toMatchObject({
      ok: false,
      status: 400,
      error: { fields: { email: 'Укажите e-mail', password: 'Введите пароль' } },
    });
  });

  it('refuses extra keys on channels without input, and wrong types', async () => {
    expect(await call('status', { admin: true })).toMatchObject({ ok: false, status: 400 });
    expect(await call('saveAnswer', { step: 'one', itemId: 'x', value: 1 })).toMatchObject({ ok: false, status: 400 });
    expect(await call('saveAnswer', { step: 1, itemId: 'x', value: { $gt: 1 } })).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('reports a domain refusal as a value, not a crash', async () => {
    const r = await call('progress', {});
    expect(r).toMatchObject({ ok: false, status: 409, error: { code: 'NOT_ENROLLED' } });
    expect(r.ok || r.error.message).toMatch(/не подключён/);
  });

  it('checks the app origin by parsing, never by substring', () => {
    expect(isAppAddress('app://kiosk/steps/3')).toBe(true);
    expect(isAppAddress('app://kiosk.attacker/')).toBe(false);
    expect(isAppAddress('https://attacker/app://kiosk/')).toBe(false);
    expect(isAppAddress(undefined)).toBe(false);
  });
});
