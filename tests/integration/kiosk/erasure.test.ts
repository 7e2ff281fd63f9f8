/**
 * Deletion on request reaches a classroom PC that was offline when it was made: once it syncs, the
 * student's rows are gone from its store and no byte of their name or e-mail is left in the file
 * or its WAL. The change it made offline for the student is refused by the server, and dropped by
 * the kiosk: nothing re-creates the person. Their classmate stays.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { startKioskHost, type RunningKioskHost } from '../../../electron/host/host.ts';
import { STORE_FILE } from '../../../electron/host/store/open.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { eventually, KioskClient } from '../../support/kiosk/client.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { registration, stepAnswers } from '../../support/kiosk/factories.ts';
import { startLink, type Link } from '../../support/kiosk/link.ts';
import { startSchool, type TestSchool } from '../../support/kiosk/school.ts';
import { createOrganizer, signedIn, type Client } from '../accounts/helpers.ts';

const quiet = () => {};

/** The store file and its WAL, as bytes: where a name could survive a DELETE. */
function storeBytes(dataDir: string): Buffer {
  const files = [STORE_FILE, `${STORE_FILE}-wal`].map((f) => join(dataDir, f)).filter((f) => existsSync(f));
  return Buffer.concat(files.map((f) => readFileSync(f)));
}
const holds = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'utf8'));

describe.each(DIALECTS)('deletion on request reaches an offline kiosk (%s)', (dialect) => {
  let school: TestSchool;
  let organizer: Client;
  let host: RunningKioskHost;
  let link: Link;
  let dataDir: string;
  const erased = registration();
  erased.profile.surname = 'Зимородкова';
  erased.profile.name = 'Евлампия';
  const classmate = registration();
  classmate.profile.surname = 'Снегирёва';
  let erasedId: string;
  let classmateId: string;

  const kiosk = () => new KioskClient(host.url);
  const status = async () => (await kiosk().ok('status', {})).sync;

  beforeAll(async () => {
    school = await startSchool(30, dialect);
    organizer = await signedIn(school.server.url, (await createOrganizer(school.server.ctx)).email);
    dataDir = tempDir('kiosk-erase-');
    link = await startLink(school.server.url);
    host = await startKioskHost({ dataDir, log: quiet, idleSyncMs: 60_000 });
    await kiosk().ok('enroll', {
      serverUrl: link.url,
      enrollmentCode: await school.enrollmentCode(),
      deviceName: 'ПК 3',
    });
    for (const [who, setId] of [
      [erased, (id: string) => (erasedId = id)],
      [classmate, (id: string) => (classmateId = id)],
    ] as const) {
      const c = kiosk();
      setId((await c.ok('register', who)).participant.id);
      await c.ok('activate', { code: school.code });
      for (const [itemId, value] of stepAnswers(TEST_PACK, 1)) await c.ok('saveAnswer', { step: 1, itemId, value });
      await c.ok('completeStep', { step: 1 });
      await c.ok('logout', {});
    }
    await eventually(async () => {
      const s = await status();
      return s.online && s.pending === 0;
    });
  });
  afterAll(async () => {
    await host?.close();
    await link?.close();
    await school?.server.stop();
  });

  it('erases the student’s rows and bytes once the PC syncs, refuses what it made offline, keeps the classmate', async () => {
    expect(holds(storeBytes(dataDir), erased.profile.email)).toBe(true);

    await link.cut();
    // A PC notices the cut at its next round: under a loaded CI machine that can take a while.
    await eventually(async () => !(await status()).online, 90_000);
    // Offline, the student goes on: an answer of step 2 waits in the outbox.
    const c = kiosk();
    await c.ok('login', { email: erased.profile.email, password: erased.password });
    const [itemId, value] = stepAnswers(TEST_PACK, 2)[0]!;
    await c.ok('saveAnswer', { step: 2, itemId, value });
    expect((await status()).pending).toBeGreaterThan(0);

    const r = await organizer.post(`/api/support/participants/${erasedId}/erase`, { reason: 'заявление родителя' });
    expect(r.status).toBe(200);

    await link.restore();
    await eventually(async () => {
      const s = await status();
      return s.online && s.pending === 0;
    }, 60_000);
    const bytes = storeBytes(dataDir);
    for (const text of [erased.profile.email, erased.profile.surname, erased.profile.name]) {
      expect(holds(bytes, text), text).toBe(false);
    }
    expect(holds(bytes, classmate.profile.email)).toBe(true);

    // The student can no longer sign in here; the classmate can, offline too.
    await link.cut();
    // A PC notices the cut at its next round: under a loaded CI machine that can take a while.
    await eventually(async () => !(await status()).online, 90_000);
    const gone = await kiosk().call('login', { email: erased.profile.email, password: erased.password });
    expect(gone.ok).toBe(false);
    expect((await kiosk().call('login', { email: classmate.profile.email, password: classmate.password })).ok).toBe(
      true,
    );
    await link.restore();

    // At the centre: the offline answer was refused with the reason, and nobody came back.
    const db = school.server.ctx.db;
    const refused = await db
      .selectFrom('mutations')
      .select(['status', 'code', 'payload'])
      .where('participant_id', '=', erasedId)
      .where('name', '=', 'answer.save')
      .where('code', '=', 'PARTICIPANT_ERASED')
      .execute();
    expect(refused).toHaveLength(1);
    expect(refused[0]!.payload).toBe('{}');
    expect(await db.selectFrom('participants').select('id').where('id', '=', erasedId).execute()).toEqual([]);
    expect(await db.selectFrom('participants').select('id').where('id', '=', classmateId).execute()).toHaveLength(1);
  });
});
