/**
 * A classroom: N real kiosk hosts, each with its own store, enrolled to one school of a real
 * central server, behind one school link that can be cut (the server unreachable) and restored.
 * Used by the class scenario test (small N) and by `npm run bench` (N = 30).
 */
import { TEST_PACK } from '../../../core/content/index.ts';
import type { ActivationView } from '../../../core/contracts/kiosk.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import type { Dialect } from '../../../sync-server/db/connect.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startServer, type RunningServer } from '../../../sync-server/server.ts';
import { obtainTariff } from '../../../sync-server/tariffs/tariffs.service.ts';
import { eventually, KioskClient } from './client.ts';
import { tempDir } from './core.ts';
import { registration, stepAnswers } from './factories.ts';
import { startLink, type Link } from './link.ts';
import { startSchool, type TestSchool } from './school.ts';

export interface Pc {
  host: RunningKioskHost;
  /** The student sitting at this PC. */
  client: KioskClient;
}

export interface Classroom {
  school: TestSchool;
  link: Link;
  pcs: Pc[];
  /** A new tariff of the school (the co-organizer's «Получить»); returns its code. */
  addTariff(participants: number): Promise<string>;
  /** Stops the central server (its store stays), as a power cut or a restart at the centre would. */
  stopServer(): Promise<void>;
  /** Starts it again on the same address and store; resolves when it listens. */
  startServer(): Promise<void>;
  close(): Promise<void>;
}

/** Waits for a background condition of a whole class; a class of thirty takes its time. */
export const CLASS_WAIT_MS = 90_000;

export async function startClassroom(
  n: number,
  opts: { capacity: number; dialect?: Dialect; idleSyncMs?: number },
): Promise<Classroom> {
  const school = await startSchool(opts.capacity, opts.dialect ?? 'sqlite');
  const link = await startLink(school.server.url);
  const pcs: Pc[] = [];
  try {
    // Every PC is enrolled before the lesson, as a co-organizer does with «Подключить компьютер».
    const codes = await Promise.all(Array.from({ length: n }, () => school.enrollmentCode()));
    for (let i = 0; i < n; i++) {
      const host = await startKioskHost({
        dataDir: tempDir('class-'),
        log: () => {},
        idleSyncMs: opts.idleSyncMs ?? 2_000,
      });
      const client = new KioskClient(host.url);
      await client.ok('enroll', { serverUrl: link.url, enrollmentCode: codes[i]!, deviceName: `ПК ${i + 1}` });
      pcs.push({ host, client });
    }
  } catch (err) {
    await Promise.all(pcs.map((p) => p.host.close()));
    await link.close();
    await school.server.stop();
    throw err;
  }
  const row = await school.server.ctx.db
    .selectFrom('schools')
    .select(['id', 'region', 'locality', 'name'])
    .where('id', '=', school.schoolId)
    .executeTakeFirstOrThrow();
  const first = school.server;
  let current: RunningServer | undefined = first;
  const stopServer = async () => {
    await current?.close();
    current = undefined;
  };
  return {
    school,
    link,
    pcs,
    stopServer,
    startServer: async () => {
      current = await startServer({
        config: { ...first.ctx.config, port: first.port },
        store: first.ctx.store,
        log: createLogger('silent'),
      });
    },
    // As the cabinet's «Получить» does: the new places go first to students without one.
    addTariff: async (participants) =>
      (await obtainTariff(school.server.ctx, { userId: 'coorganizer', school: row }, participants)).code,
    close: async () => {
      await Promise.all(pcs.map((p) => p.host.close()));
      await link.close();
      if (current !== first) await stopServer();
      await first.stop();
    },
  };
}

/** Until every PC has taken part in a lease round (so each can seat a student offline). */
export async function leasesHeld(room: Classroom, code: string): Promise<void> {
  await eventually(async () => {
    const held = await room.school.server.ctx.db
      .selectFrom('leases')
      .select('device_id')
      .where('code', '=', code)
      .where('released_at', 'is', null)
      .execute();
    return new Set(held.map((l) => l.device_id)).size === room.pcs.length;
  }, CLASS_WAIT_MS);
}

/**
 * One student's lesson at a PC: «Зарегистрироваться», «Принять участие в акции» with the code, the
 * 12 steps answered and completed, then «Скачать сертификат участника» where the activation allows.
 * Returns the activation as the screen shows it.
 */
export async function lesson(pc: Pc, code: string, opts: { certificate?: boolean } = {}): Promise<ActivationView> {
  const c = pc.client;
  await c.ok('register', registration());
  const { activation } = await c.ok('activate', { code });
  if (activation.status === 'rejected') return activation;
  for (const step of TEST_PACK.steps) {
    for (const [itemId, value] of stepAnswers(TEST_PACK, step.number)) {
      await c.ok('saveAnswer', { step: step.number, itemId, value });
    }
    await c.ok('completeStep', { step: step.number });
  }
  const me = (await c.ok('me', {})).participant!.activation!;
  if (opts.certificate !== false && (me.status === 'confirmed' || me.status === 'leased')) {
    await c.ok('document', { kind: 'certificate' });
  }
  return me;
}

/** Until every PC says «Всё отправлено» while online; resolves with the time it took. */
export async function allSent(room: Classroom, limitMs = CLASS_WAIT_MS): Promise<number> {
  const t = Date.now();
  await eventually(async () => {
    const statuses = await Promise.all(room.pcs.map((p) => p.client.ok('status', {})));
    return statuses.every((s) => s.sync.online && s.sync.pending === 0);
  }, limitMs);
  return Date.now() - t;
}

/**
 * Until no student of the school waits for a place at the server: a student who activated while
 * every free place was held by other PCs' leases is confirmed once a holder's next round gives one
 * back (the server nudges them). Resolves with the time it took.
 */
export async function settled(room: Classroom, limitMs = CLASS_WAIT_MS): Promise<number> {
  const t = Date.now();
  await eventually(async () => (await atTheCentre(room)).waiting === 0, limitMs);
  return Date.now() - t;
}

/** What the centre holds of the school's students. */
export async function atTheCentre(room: Classroom) {
  const db = room.school.server.ctx.db;
  const schoolId = room.school.schoolId;
  const ids = (await db.selectFrom('participants').select('id').where('school_id', '=', schoolId).execute()).map(
    (p) => p.id,
  );
  const mine = ids.length ? ids : [''];
  const activations = await db.selectFrom('activations').select('status').where('participant_id', 'in', mine).execute();
  const by = (s: string) => activations.filter((a) => a.status === s).length;
  const completions = await db.selectFrom('completions').select('step').where('participant_id', 'in', mine).execute();
  const certificates = await db.selectFrom('certificates').select('serial').where('subject_id', 'in', mine).execute();
  const log = await db.selectFrom('mutations').select('status').where('school_id', '=', schoolId).execute();
  return {
    participants: ids.length,
    confirmed: by('confirmed'),
    waiting: by('waiting'),
    refused: by('refused'),
    completions: completions.length,
    certificates: certificates.length,
    rejected: log.filter((m) => m.status === 'rejected').length,
    parked: log.filter((m) => m.status === 'parked').length,
    mutations: log.length,
  };
}
