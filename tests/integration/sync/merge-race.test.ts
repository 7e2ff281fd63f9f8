/**
 * A merge and a push for the same registration at the same moment (issue 13), on PostgreSQL where
 * they run on separate connections under READ COMMITTED. A PC that is still offline-minded sends
 * answers for the retired id while the co-organizer merges it: whichever commits first, no answer
 * may stay under the retired id, and every answer of the batch must reach the kept registration.
 * Both requests are started together, round after round (no sleeps): the rounds where the push
 * read the merge mapping just before the merge committed are the ones this test is for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import type { Mutation } from '../../../core/mutations/schemas.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS } from '../../support/dialects.ts';
import {
  createCampaign,
  createSchool,
  createTariff,
  enroll,
  MutationMaker,
  TEST_PACK_FILE,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { createCoorganizer, signedIn, type Client } from '../accounts/helpers.ts';

const ROUNDS = 30;

describe.skipIf(!DIALECTS.includes('postgres'))('a merge racing a push of the retired id on postgres', () => {
  let server: TestServer;
  let cabinet: Client;
  let pc1: DeviceClient;
  let pc2: DeviceClient;
  let code: string;
  let maker: MutationMaker;

  beforeAll(async () => {
    server = await startTestServer('postgres', { contentPackFile: TEST_PACK_FILE });
    const ctx = server.ctx;
    const campaign = await createCampaign(ctx);
    maker = new MutationMaker(() => ctx.now());
    const school = await createSchool(ctx, '77', 'Школа № 57');
    code = (await createTariff(ctx, campaign.id, school.id, 2 * ROUNDS + 10)).code;
    cabinet = await signedIn(server.url, (await createCoorganizer(ctx, school.id)).email);
    const device = async (name: string) => {
      const d = await enroll(server.url, ctx, school.id, name);
      return new DeviceClient(server.url, d.credential, d.instanceId);
    };
    pc1 = await device('ПК 1');
    pc2 = await device('ПК 2');
  });
  afterAll(() => server.stop());

  const register = (id: string, email: string) => {
    const m = maker.register(id, email);
    m.args.profile = { ...m.args.profile, surname: 'Соколова', name: 'Алёна', schoolClass: '9А' };
    return m;
  };
  const push = async (pc: DeviceClient, batch: Mutation[]) => {
    const r = await pc.push(batch);
    expect(r.status).toBe(200);
    for (const o of r.body.outcomes) expect(o.status).toBe('accepted');
  };

  /** A registration's stored answers as `step:item`, by step. */
  const answersOf = async (participantId: string) =>
    (
      await server.ctx.db
        .selectFrom('answers')
        .select(['step', 'item_id'])
        .where('participant_id', '=', participantId)
        .orderBy('step')
        .execute()
    ).map((a) => `${a.step}:${a.item_id}`);

  it('keeps every answer, none under the retired id, whichever commits first', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const kept = uuidv7();
      const retired = uuidv7();
      await push(pc1, [register(kept, `kept${round}@school.ru`), maker.activate(kept, code)]);
      // The retired registration has one answer already: the server knows it (its answer-only
      // batches then go the short way, without reading the student again).
      await push(pc2, [register(retired, `retired${round}@school.ru`), maker.activate(retired, code)]);
      await push(pc2, [maker.answerItem(retired, 1, 0)]);
      // The race: answers of steps 2–4 for the retired id, and the merge, started together.
      const late = [maker.answerItem(retired, 2, 0), maker.answerItem(retired, 3, 0), maker.answerItem(retired, 4, 0)];
      const [merged] = await Promise.all([
        cabinet.post('/api/cabinet/duplicates/merge', { keptId: kept, retiredId: retired }),
        push(pc2, late),
      ]);
      expect(merged.status).toBe(200);

      expect(await answersOf(retired), `round ${round}: answers left under the retired id`).toEqual([]);
      expect(await answersOf(kept), `round ${round}: answers of the kept registration`).toEqual(
        [maker.answerItem(retired, 1, 0), ...late].map((m) => `${m.args.step}:${m.args.itemId}`),
      );
    }
  });
  it('keeps every answer of a registration the server refused (no row of its own), whichever commits first', async () => {
    const db = server.ctx.db;
    for (let round = 0; round < ROUNDS; round++) {
      const kept = uuidv7();
      const refused = uuidv7();
      const email = `twice${round}@school.ru`;
      await push(pc1, [register(kept, email), maker.activate(kept, code)]);
      // The same e-mail from another PC that was offline: refused, and its work waits (parked).
      const first = await pc2.push([register(refused, email), maker.activate(refused, code)]);
      expect(first.body.outcomes.map((o) => o.status)).toEqual(['rejected', 'parked']);
      const late = [maker.answerItem(refused, 1, 0), maker.answerItem(refused, 2, 0)];
      const [merged, answered] = await Promise.all([
        cabinet.post('/api/cabinet/duplicates/merge', { keptId: kept, retiredId: refused }),
        pc2.push(late),
      ]);
      expect(merged.status).toBe(200);
      expect(answered.status).toBe(200);
      const waiting = await db
        .selectFrom('mutations')
        .select('id')
        .where('participant_id', 'in', [kept, refused])
        .where('status', '=', 'parked')
        .execute();
      expect(waiting, `round ${round}: work left parked`).toEqual([]);
      expect(await answersOf(kept), `round ${round}: the refused registration's answers under the kept one`).toEqual(
        late.map((m) => `${m.args.step}:${m.args.itemId}`),
      );
    }
  });
});
