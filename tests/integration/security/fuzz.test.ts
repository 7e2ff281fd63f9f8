/**
 * Malformed, oversized and deeply nested input on every route the server registers and on the
 * socket.io layer: never a 5xx, never a stack trace, and the server keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { createCampaign, createSchool, enroll, MutationMaker, TEST_PACK_FILE } from '../../support/factories.ts';
import { registeredRoutes, type RegisteredRoute } from '../../support/routes.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, createOrganizer, signedIn } from '../accounts/helpers.ts';

const STACK = /\bat [^\n]*\.(ts|js|mjs|cjs):\d+|node_modules|Error: .*\n\s+at /;
const DEPTH = 10_000;
const nested = (open: string, close: string, inner = '') => open.repeat(DEPTH) + inner + close.repeat(DEPTH);
const deepObject = () => nested('{"a":', '}', '1');

/** Bodies a broken or hostile client sends. */
const BODIES: [string, string][] = [
  ['malformed JSON', '{"mutations": ['],
  ['a bare string', '"x"'],
  ['a number', '42'],
  ['null', 'null'],
  ['an array', '[1,2,3]'],
  ['deeply nested arrays', nested('[', ']')],
  ['deeply nested objects', deepObject()],
  [
    'every field the wrong type',
    JSON.stringify({
      email: 1,
      password: [],
      mutations: 'x',
      health: 5,
      year: {},
      title: null,
      settings: [],
      participants: 'x',
      costKopecks: {},
      slotsPerCode: 'x',
      enrollmentCode: {},
      deviceName: [],
      instanceId: 7,
      appVersion: {},
    }),
  ],
  ['prototype keys', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
  [
    'NUL and lone surrogates',
    JSON.stringify({ email: 'a\u0000@b.ru', password: '\uD800', title: '\uDFFF', mutations: [{ id: '\u0000' }] }),
  ],
  [
    'a batch of junk mutations',
    JSON.stringify({
      mutations: Array.from({ length: 50 }, (_, i) => ({
        id: i,
        name: 'step.complete',
        args: { answers: nested('[', ']') },
      })),
    }),
  ],
  [
    'a deep answer value',
    JSON.stringify({ mutations: [new MutationMaker().answer(uuidv7(), 1, 'q1', 'a')] }).replace(
      '"value":"a"',
      `"value":${nested('[', ']')}`,
    ),
  ],
];

/** Ways to mangle the request line and headers. */
const PATH_PARAMS = ['%00', '%E0%A4%A', '%ZZ', 'x'.repeat(5_000), '..%2F..%2Fetc%2Fpasswd', '%ED%A0%BD', '1e400', '-1'];
const QUERIES = [
  '?cursor=abc&limit=-1',
  '?cursor=1e400&limit=1e9',
  '?cursor=1&cursor=2',
  '?region=%00',
  '?limit=x&offset=-5',
  '?serial=%00',
];

describe.each(DIALECTS)('fuzzing the server on %s', (dialect) => {
  let server: TestServer;
  const headersFor: Record<string, Record<string, string>> = {};
  const failures: string[] = [];
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE, maxBodyBytes: 16 * 1024 });
    await createCampaign(server.ctx);
    const school = (await createSchool(server.ctx)).id;
    const device = await enroll(server.url, server.ctx, school);
    const org = await signedIn(server.url, (await createOrganizer(server.ctx)).email);
    const coorg = await signedIn(server.url, (await createCoorganizer(server.ctx, school)).email);
    headersFor.device = { authorization: `Bearer ${device.credential}` };
    headersFor.organizer = { cookie: org.cookie! };
    headersFor.coorganizer = { cookie: coorg.cookie! };
    headersFor.none = {};
    routes = registeredRoutes(server.app);
  });
  afterAll(() => server.stop());

  /** The credential that gets a request past the guard, so the parser behind it is reached. */
  const credentialFor = (path: string) =>
    path.startsWith('/api/cabinet')
      ? headersFor.coorganizer!
      : path.startsWith('/api/organizer')
        ? headersFor.organizer!
        : path.startsWith('/api/sync')
          ? headersFor.device!
          : headersFor.coorganizer!;

  async function probe(what: string, method: string, path: string, headers: Record<string, string>, body?: string) {
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      failures.push(`${what}: ${method} ${path.slice(0, 80)}: connection failed (${String(err)})`);
      return;
    }
    if (status >= 500) failures.push(`${what}: ${method} ${path.slice(0, 80)}: ${status} ${text.slice(0, 200)}`);
    if (STACK.test(text)) failures.push(`${what}: ${method} ${path.slice(0, 80)}: stack trace in the answer`);
  }

  const fill = (path: string, value: string) =>
    path.replace(/:id\b/, value).replace(':serial', value).replace('{*path}', value);

  it('answers malformed and deeply nested bodies on every route without a 5xx or a stack', async () => {
    for (const r of routes) {
      const path = fill(r.path, uuidv7());
      const auth = credentialFor(r.path);
      for (const [what, body] of BODIES) {
        await probe(what, r.method, path, { 'content-type': 'application/json', ...auth }, body);
      }
      await probe('form body', r.method, path, { 'content-type': 'application/x-www-form-urlencoded', ...auth }, 'a=1');
      await probe('bad charset', r.method, path, { 'content-type': 'application/json; charset=utf-7', ...auth }, '{}');
      await probe(
        'gzip lie',
        r.method,
        path,
        { 'content-type': 'application/json', 'content-encoding': 'gzip', ...auth },
        '{}',
      );
    }
    expect(failures).toEqual([]);
  });

  it('answers oversized bodies with 413, and mangled paths, queries and headers without a 5xx', async () => {
    const big = JSON.stringify({ mutations: [], pad: 'x'.repeat(64 * 1024) });
    for (const r of routes) {
      const auth = credentialFor(r.path);
      const path = fill(r.path, uuidv7());
      if (r.method !== 'GET')
        await probe('oversized', r.method, path, { 'content-type': 'application/json', ...auth }, big);
      if (/:id|:serial|\{\*path\}/.test(r.path))
        for (const p of PATH_PARAMS)
          await probe(
            `path ${p.slice(0, 12)}`,
            r.method,
            fill(r.path, p),
            { 'content-type': 'application/json', ...auth },
            '{}',
          );
      for (const q of QUERIES)
        await probe(`query ${q}`, r.method, `${path}${q}`, { 'content-type': 'application/json', ...auth }, '{}');
      for (const h of [
        { authorization: `Bearer ${'x'.repeat(4_000)}` },
        { authorization: 'Bearer' },
        { authorization: 'Basic Og==' },
        { cookie: `mb_session=${'%'.repeat(300)}` },
        { cookie: 'mb_session=%E0%A4%A; mb_session=x' },
        { origin: 'null' },
      ] as Record<string, string>[])
        await probe(`header ${Object.keys(h)[0]}`, r.method, path, { 'content-type': 'application/json', ...h }, '{}');
    }
    expect(failures).toEqual([]);
    const res = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headersFor.device },
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/слишком большой/);
  });

  it('survives malformed socket.io handshakes, events and packets', async () => {
    // Raw engine.io polling, so nothing on this side re-encodes (or refuses) what is sent.
    const base = `${server.url}/socket.io/?EIO=4&transport=polling`;
    const openSession = async () => /"sid":"([^"]+)"/.exec(await (await fetch(base)).text())![1]!;
    const at = (sid: string) => `/socket.io/?EIO=4&transport=polling&sid=${sid}`;
    const send = (what: string, sid: string, body: string) =>
      probe(what, 'POST', at(sid), { 'content-type': 'text/plain;charset=UTF-8' }, body);
    const poll = (what: string, sid: string) => probe(what, 'GET', at(sid), {});

    const credential = headersFor.device!.authorization!.slice(7);
    const handshakes = [
      '40',
      '40null',
      '40"x"',
      '40{"kind":"device"}',
      `40{"kind":"device","credential":"${'x'.repeat(100_000)}"}`,
      '40{"kind":"device","credential":{"$gt":""}}',
      '40{"kind":"cabinet"}',
      `40${deepObject()}`,
      `40${nested('[', ']')}`,
      '40{"kind":',
      '40/admin,{"kind":"cabinet"}',
    ];
    for (const h of handshakes) {
      const sid = await openSession();
      await send(`handshake ${h.slice(0, 20)}`, sid, h);
      await poll(`handshake answer ${h.slice(0, 20)}`, sid); // the CONNECT or CONNECT_ERROR waits here
    }

    // A connected device sending events the server never declared, deep and oversized ones too.
    const sid = await openSession();
    await send('device handshake', sid, `40${JSON.stringify({ kind: 'device', credential })}`);
    await poll('device connected', sid);
    for (const packet of [
      '42["changes",{"schoolId":"\\u0000"}]',
      `42["push",${nested('[', ']')}]`,
      `42["push",${deepObject()}]`,
      `42${nested('[', ']')}`,
      '42["x",',
      '43["ack"]',
      '451-["binary",{"_placeholder":true,"num":0}]',
      '9',
      '4',
      '\u0000',
      `42["x","${'y'.repeat(2_000_000)}"]`,
    ]) {
      await send(`event ${packet.slice(0, 16)}`, sid, packet);
    }
    await probe('engine.io bad sid', 'GET', '/socket.io/?EIO=4&transport=polling&sid=nope', {});
    await probe('engine.io bad version', 'GET', '/socket.io/?EIO=99&transport=polling', {});
    await probe('engine.io bad transport', 'GET', '/socket.io/?EIO=4&transport=carrier-pigeon', {});
    expect(failures).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
