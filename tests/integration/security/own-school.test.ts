/**
 * A PC acts only for its own school's students: one of school A that knows the id of a student of
 * school B can neither save answers for them, nor issue their certificate, nor activate a code for
 * them, until that student signs in on A's PC through the lookup (a student who moved).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../core/node/password.ts';
import { TEST_PACK } from '../../../core/content/index.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { DeviceClient } from '../../support/device-client.ts';
import {
  createCampaign,
  createSchool,
  createTariff,
  enroll,
  MutationMaker,
  PASSWORD,
  TEST_PACK_FILE,
} from '../../support/factories.ts';
import { stepAnswers } from '../../support/kiosk/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** A valid answer to the `i`-th item of `step` of the test pack (the server checks answers against it). */
function answerTo(maker: MutationMaker, participantId: string, step: number, i = 0) {
  const [itemId, value] = stepAnswers(TEST_PACK, step)[i]!;
  return maker.answer(participantId, step, itemId, value as Parameters<MutationMaker['answer']>[3]);
}

describe.each(DIALECTS)('a PC of another school on %s', (dialect) => {
  let server: TestServer;
  let pcA: DeviceClient;
  let pcB: DeviceClient;
  let codeA: string;
  let codeB: string;
  const maker = new MutationMaker();
  let hash: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const campaign = await createCampaign(server.ctx);
    const a = (await createSchool(server.ctx)).id;
    const b = (await createSchool(server.ctx)).id;
    codeA = (await createTariff(server.ctx, campaign.id, a, 30)).code;
    codeB = (await createTariff(server.ctx, campaign.id, b, 30)).code;
    const ea = await enroll(server.url, server.ctx, a);
    const eb = await enroll(server.url, server.ctx, b);
    pcA = new DeviceClient(server.url, ea.credential, ea.instanceId);
    pcB = new DeviceClient(server.url, eb.credential, eb.instanceId);
    hash = await hashPassword(PASSWORD);
  });
  afterAll(() => server.stop());

  /** A student registered on school B's PC, with no code yet. */
  async function studentOfB() {
    const pid = uuidv7();
    const email = `b${pid.slice(-12)}@school.ru`;
    const res = await pcB.push([maker.register(pid, email, hash)]);
    expect(res.body.outcomes[0]!.status).toBe('accepted');
    return { pid, email };
  }

  const rows = async (table: 'answers' | 'activations' | 'completions', pid: string) =>
    server.ctx.db.selectFrom(table).select('participant_id').where('participant_id', '=', pid).execute();

  it("refuses answers, steps and a code activation for B's student, and writes nothing", async () => {
    const { pid } = await studentOfB();
    const res = await pcA.push([
      answerTo(maker, pid, 1),
      maker.complete(pid, 1),
      maker.activate(pid, codeA),
      maker.make({ name: 'certificate.issue', args: { participantId: pid, serial: 'MB-2026-7KQ4M2XD' } }),
    ]);
    expect(res.status).toBe(200);
    for (const o of res.body.outcomes) {
      expect(o).toMatchObject({ status: 'rejected', code: 'PARTICIPANT_OTHER_SCHOOL' });
      expect(o.status === 'rejected' && o.message).toMatch(/другой образовательной организации/);
    }
    expect(await rows('answers', pid)).toEqual([]);
    expect(await rows('completions', pid)).toEqual([]);
    expect(await rows('activations', pid)).toEqual([]);
    // The student's own school's PC is unaffected.
    const own = await pcB.push([answerTo(maker, pid, 1), maker.activate(pid, codeB)]);
    expect(own.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted']);
  });

  it('refuses answers for a known student even on the batch shortcut (answers only, student cached)', async () => {
    const { pid } = await studentOfB();
    // B's PC answers first, so the server has the student in its cache of known participants.
    expect((await pcB.push([answerTo(maker, pid, 1)])).body.outcomes[0]!.status).toBe('accepted');
    const res = await pcA.push([answerTo(maker, pid, 1)]);
    expect(res.body.outcomes[0]).toMatchObject({ status: 'rejected', code: 'PARTICIPANT_OTHER_SCHOOL' });
  });

  it("accepts them once the student has signed in on A's PC (a student who moved)", async () => {
    const { pid, email } = await studentOfB();
    expect((await pcA.lookup(email, 'wrong-password1')).status).toBe(401);
    expect((await pcA.push([answerTo(maker, pid, 1)])).body.outcomes[0]!.status).toBe('rejected');
    const found = await pcA.lookup(email, PASSWORD);
    expect(found.status).toBe(200);
    const res = await pcA.push([answerTo(maker, pid, 1), maker.activate(pid, codeA)]);
    expect(res.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted']);
    const visits = await server.ctx.db
      .selectFrom('participant_visits')
      .selectAll()
      .where('participant_id', '=', pid)
      .execute();
    expect(visits).toHaveLength(1);
  });
});
