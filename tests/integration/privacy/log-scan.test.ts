/**
 * Issue 15: no personal data in logs, on any side. A real server node (sync-server/main.ts as
 * `npm run server` runs it, its pino log at `trace`) and a real kiosk host (electron/host/main.ts,
 * as browser mode runs it) go through a whole journey with names, e-mails and passwords nobody
 * else uses: the organizer adds a co-organizer, who sets a first password by the link, mistypes
 * it once, signs in and enrols the PC; a student (with a parent's consent) registers there,
 * applies the code, does all 12 steps and sees the result, mistypes the password, signs in on the
 * web too and downloads their data; the co-organizer gives them a new password; the organizer
 * exports and erases them, and the erasure reaches the PC. Then every line either process printed
 * is searched for every one of those values, the password hashes the store held, the session
 * tokens and the client's address.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { hashPassword } from '../../../core/node/password.ts';
import { createUser } from '../../../sync-server/auth/users.repository.ts';
import type { ServerContext } from '../../../sync-server/context.ts';
import { migrateCentral, openCentralStore, type CentralStore } from '../../../sync-server/db/connect.ts';
import { seedDemo } from '../../../sync-server/demo-seed.ts';
import { startNode, stopNode, storeContext, type NodeProcess } from '../../support/node-process.ts';
import { eventually, KioskClient } from '../../support/kiosk/client.ts';
import { stepAnswers } from '../../support/kiosk/factories.ts';
import { spawnKiosk, type SpawnedKiosk } from '../../support/kiosk/spawn.ts';
import { Client } from '../accounts/helpers.ts';

/** The client's address as a proxy in front of the server reports it (TRUST_PROXY=1). */
const CLIENT_IP = '203.0.113.77';
const STUDENT = {
  surname: 'Зябликова',
  name: 'Евпраксия',
  email: 'evpraksiya.zyablikova.l0g@shkola.test',
  password: 'Zyablik-Sekret-771',
  parent: 'Зябликов Терентий Остапович',
};
const COORG = {
  email: 'kuzma.uchitelev.l0g@shkola.test',
  fullName: 'Учителев Кузьма Феофилактович',
  password: 'Uchitel-Parol-4482',
};
const ORGANIZER = { email: 'glafira.orgova.l0g@minpros.test', password: 'Orgova-Kluch-9315' };
const WRONG = 'Nevernyi-Parol-000';

describe('no personal data in any log line of the server and the kiosk host', () => {
  let store: CentralStore;
  let ctx: ServerContext;
  let node: NodeProcess;
  let kiosk: SpawnedKiosk;
  let code: string;
  /** Every value the logs must not hold, gathered along the journey. */
  const secrets = new Map<string, string>();
  let serverLines: string[] = [];
  let kioskLines: string[] = [];

  /** A hash whole, and its salt and digest each on their own. */
  const addHash = (what: string, hash: string) => {
    secrets.set(what, hash);
    for (const [i, part] of hash.split('$').entries()) if (part.length >= 16) secrets.set(`${what}, part ${i}`, part);
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moe-log-scan-'));
    store = openCentralStore({ sqlitePath: join(dir, 'central.sqlite') });
    await migrateCentral(store.db);
    ctx = storeContext(store);
    const seeded = await seedDemo(ctx);
    code = seeded.code!;
    await createUser(
      ctx.db,
      {
        role: 'organizer',
        email: ORGANIZER.email,
        fullName: 'Оргова Глафира Никодимовна',
        passwordHash: await hashPassword(ORGANIZER.password),
        schoolId: null,
      },
      ctx.now(),
    );
    node = await startNode({ DATA_DIR: dir, LOG_LEVEL: 'trace', TRUST_PROXY: '1' });
    kiosk = await spawnKiosk(['--data', mkdtempSync(join(tmpdir(), 'moe-log-scan-kiosk-')), '--server', node.url], {
      KIOSK_SYNC_IDLE_MS: '500',
    });
  });
  afterAll(async () => {
    await kiosk?.stop();
    if (node) await stopNode(node);
    await store?.close();
  });

  it('goes through the whole journey', async () => {
    const web = (headers: Record<string, string> = {}) =>
      new Client(node.url, { 'x-forwarded-for': CLIENT_IP, ...headers });
    for (const [k, v] of Object.entries({ ...STUDENT, ...prefixed('coorg', COORG), ...prefixed('org', ORGANIZER) })) {
      secrets.set(k, v);
    }
    secrets.set('wrong password', WRONG);
    secrets.set('client address', CLIENT_IP);

    // The organizer adds the co-organizer, who sets a first password by the one-time link.
    const organizer = web();
    expect((await organizer.login(ORGANIZER.email, ORGANIZER.password)).status).toBe(200);
    secrets.set('organizer session', organizer.cookie!.split('=')[1]!);
    const school = await ctx.db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
    const added = await organizer.post<{ link: { url: string } }>('/api/organizer/coorganizers', {
      schoolId: school.id,
      email: COORG.email,
      fullName: COORG.fullName,
      firstPassword: 'link',
    });
    expect(added.status).toBe(201);
    const token = added.body.link.url.split('#/password/')[1]!;
    secrets.set('set-password token', token);
    expect((await web().post('/api/auth/set-password', { token, password: COORG.password })).status).toBe(204);
    const coorg = web();
    expect((await coorg.login(COORG.email, WRONG)).status).toBe(401);
    expect((await coorg.login(COORG.email, COORG.password)).status).toBe(200);
    secrets.set('co-organizer session', coorg.cookie!.split('=')[1]!);

    // The co-organizer enrols the classroom PC.
    const enrollment = await coorg.post<{ code: string }>('/api/cabinet/enrollments', {});
    expect(enrollment.status).toBe(201);
    const pc = new KioskClient(kiosk.url);
    await pc.ok('enroll', { serverUrl: node.url, enrollmentCode: enrollment.body.code, deviceName: 'Кабинет 5, ПК 2' });

    // The student registers there (class 6: the demo's rule asks for a parent's consent).
    const form = await pc.ok('registrationForm', {});
    const { participant } = await pc.ok('register', {
      profile: {
        surname: STUDENT.surname,
        name: STUDENT.name,
        region: form.defaults.region,
        locality: form.defaults.locality,
        schoolName: form.defaults.schoolName,
        schoolClass: '6А',
        gender: 'female',
        email: STUDENT.email,
      },
      password: STUDENT.password,
      consentVersion: form.consent.version,
      parentConsent: { by: STUDENT.parent, how: 'electronic' },
    });
    secrets.set('kiosk session', pc.token!);
    expect((await pc.ok('activate', { code })).activation.status).toBe('confirmed');
    for (const step of TEST_PACK.steps) {
      for (const [itemId, value] of stepAnswers(TEST_PACK, step.number)) {
        await pc.ok('saveAnswer', { step: step.number, itemId, value });
      }
      await pc.ok('completeStep', { step: step.number });
    }
    expect((await pc.ok('result', {})).result).not.toBeNull();
    await pc.ok('document', { kind: 'result' });
    await eventually(async () => (await pc.ok('status', {})).sync.pending === 0, 60_000);
    await pc.ok('logout', {});
    const mistyped = await pc.call('login', { email: STUDENT.email, password: WRONG });
    expect(mistyped.ok || mistyped.error.code).toBe('BAD_LOGIN');

    // On the web too: a wrong password, the right one, and their own data.
    const student = web();
    expect((await student.post('/api/participant/login', { email: STUDENT.email, password: WRONG })).status).toBe(401);
    expect(
      (await student.post('/api/participant/login', { email: STUDENT.email, password: STUDENT.password })).status,
    ).toBe(200);
    secrets.set('participant session', student.cookie!.split('=')[1]!);
    const own = await fetch(`${node.url}/api/participant/export`, { headers: { cookie: student.cookie! } });
    expect(await own.text()).toContain(STUDENT.parent);

    // Hashes as the store holds them, the student's before and after the new password.
    const hashes = await ctx.db.selectFrom('users').select(['email', 'password_hash']).execute();
    for (const u of hashes) addHash(`hash of ${u.email}`, u.password_hash);
    const hashOf = async () =>
      (
        await ctx.db
          .selectFrom('participants')
          .select('password_hash')
          .where('id', '=', participant.id)
          .executeTakeFirstOrThrow()
      ).password_hash;
    addHash('student hash', await hashOf());

    // The co-organizer gives the student a new password; the PC pulls it and lets them in with it.
    const reset = await coorg.post<{ password: string }>(`/api/cabinet/students/${participant.id}/password`, {});
    expect(reset.status).toBe(200);
    secrets.set('new password', reset.body.password);
    addHash('student hash after reset', await hashOf());
    await pc.ok('login', { email: STUDENT.email, password: reset.body.password });
    await pc.ok('logout', {});

    // The organizer exports the student's data and erases them; the PC erases its copy.
    const exported = await organizer.get(`/api/support/participants/${participant.id}/export`);
    expect(exported.status).toBe(200);
    expect((await organizer.post(`/api/support/participants/${participant.id}/erase`, { reason: '' })).status).toBe(
      200,
    );
    // The PC lets the student in from its own copy until the erasure's pull removes it.
    await eventually(async () => {
      const r = await pc.call('login', { email: STUDENT.email, password: reset.body.password });
      return !r.ok && r.error.code === 'BAD_LOGIN';
    }, 60_000);

    // Both processes stop as a service manager stops them: whatever they print on the way out counts.
    const closed = [kiosk.child, node.child].map((c) => new Promise((r) => c.once('close', r)));
    await kiosk.stop();
    await stopNode(node);
    await Promise.all(closed);
    serverLines = lines(node.output());
    kioskLines = lines(kiosk.output());
    if (process.env.LOG_SCAN_DUMP) writeFileSync(process.env.LOG_SCAN_DUMP, [...serverLines, ...kioskLines].join('\n'));
  });

  it('captured the logs: the lines of the journey are there', () => {
    const messages = (all: string[]) => all.map((l) => (JSON.parse(l) as { msg?: string }).msg);
    expect(messages(serverLines)).toEqual(
      expect.arrayContaining([
        'server listening',
        'login failed',
        'signed in',
        'device enrolled',
        'student password changed',
        'participant erased',
        'shutting down',
        'server stopped',
      ]),
    );
    expect(messages(kioskLines)).toEqual(expect.arrayContaining(['kiosk listening', 'sync round']));
  });

  it('holds no name, e-mail, password, hash, session or client address in any line', () => {
    expect(secrets.size).toBeGreaterThan(15);
    const found: string[] = [];
    for (const [side, all] of [
      ['server', serverLines],
      ['kiosk host', kioskLines],
    ] as const) {
      for (const line of all) {
        // The line as printed and as decoded (a \u-escaped name is the name all the same).
        const text = `${line}\n${JSON.stringify(JSON.parse(line))}`.toLowerCase();
        for (const [what, value] of secrets) {
          if (text.includes(value.toLowerCase())) found.push(`${side}: ${what} in ${line}`);
        }
        // A hash's salt or digest alone, and scrypt's marker.
        if (/scrypt\$/.test(line)) found.push(`${side}: a password hash in ${line}`);
        // No client's address of any kind: the servers may name only the address they listen on.
        // (`msg` is the code's own constant text, which may say «never 127.0.0.1».)
        const { url: _url, serverUrl: _serverUrl, msg: _msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
        if (/127\.0\.0\.1|::1|::ffff:|\b(remoteAddress|ip)\b/.test(JSON.stringify(rest))) {
          found.push(`${side}: a client's address in ${line}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});

function prefixed<T extends Record<string, string>>(prefix: string, o: T): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [`${prefix} ${k}`, v]));
}

/** The lines a process printed; every one must be a JSON log line (a stray print fails here too). */
function lines(output: string): string[] {
  const all = output.split('\n').filter((l) => l.trim() !== '');
  for (const l of all) expect(() => JSON.parse(l), `not a log line: ${l}`).not.toThrow();
  return all;
}
