/**
 * A schema-valid mutation whose row id another row already has is refused alone, with a reason;
 * the rest of its batch goes through (a kiosk retrying such a batch was stuck on a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { enroll, MutationMaker } from '../../support/factories.ts';
import { stepAnswers } from '../../support/kiosk/factories.ts';
import { startSchool } from '../../support/kiosk/school.ts';
import type { TestServer } from '../../support/server.ts';

/** A valid answer to the `i`-th item of `step` of the test pack (the server checks answers against it). */
function answerTo(maker: MutationMaker, participantId: string, step: number, i = 0) {
  const [itemId, value] = stepAnswers(TEST_PACK, step)[i]!;
  return maker.answer(participantId, step, itemId, value as Parameters<MutationMaker['answer']>[3]);
}

describe.each(DIALECTS)('ids reused by a push on %s', (dialect) => {
  let server: TestServer;
  let device: DeviceClient;
  let code: string;
  const maker = new MutationMaker();

  beforeAll(async () => {
    const school = await startSchool(30, dialect);
    ({ server, code } = school);
    const e = await enroll(server.url, server.ctx, school.schoolId);
    device = new DeviceClient(server.url, e.credential, e.instanceId);
  });
  afterAll(() => server.stop());

  /** A registered, activated student with step 1 done. */
  async function student() {
    const pid = uuidv7();
    const activation = maker.activate(pid, code);
    const done = maker.complete(pid, 1);
    const res = await device.push([maker.register(pid), activation, done]);
    expect(res.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted']);
    return { pid, activationId: activation.args.activationId, completionId: done.args.completionId };
  }

  const answerOf = async (pid: string, step: number, i = 0) =>
    server.ctx.db
      .selectFrom('answers')
      .select('value')
      .where('participant_id', '=', pid)
      .where('step', '=', step)
      .where('item_id', '=', stepAnswers(TEST_PACK, step)[i]![0])
      .executeTakeFirst();

  it('takes step.complete sent again with a kept completion id as done, refuses that id on another step alone', async () => {
    const { pid } = await student();
    const later = maker.complete(pid, 1); // a second completion of a done step: kept as history
    expect((await device.push([later])).body.outcomes[0]!.status).toBe('accepted');
    const again = maker.make({ name: 'step.complete', args: { ...later.args } });
    const res = await device.push([again]);
    expect(res.status).toBe(200);
    // Already kept: nothing more to write, and nothing refused.
    expect(res.body.outcomes.map((o) => o.status)).toEqual(['accepted']);
    const onOtherStep = maker.make({ name: 'step.complete', args: { ...later.args, step: 2 } });
    const res2 = await device.push([onOtherStep, answerTo(maker, pid, 2)]);
    expect(res2.status).toBe(200);
    expect(res2.body.outcomes[0]).toMatchObject({ status: 'rejected', code: 'ID_TAKEN' });
    expect(res2.body.outcomes[0]!.status === 'rejected' && res2.body.outcomes[0]!.message).toMatch(/идентификатор/);
    expect(res2.body.outcomes[1]!.status).toBe('accepted');
    expect(await answerOf(pid, 2)).toBeDefined();
  });

  it("refuses code.activate with another student's activationId, and takes the rest", async () => {
    const other = await student();
    const pid = uuidv7();
    const stolen = maker.make({
      name: 'code.activate',
      args: { activationId: other.activationId, participantId: pid, code },
    });
    const res = await device.push([maker.register(pid), stolen, answerTo(maker, pid, 1)]);
    expect(res.status).toBe(200);
    expect(res.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(res.body.outcomes[1]).toMatchObject({ code: 'ID_TAKEN' });
    expect(await answerOf(pid, 1)).toBeDefined();
  });

  it("refuses step.complete with another student's completionId, and takes the rest", async () => {
    const other = await student();
    const { pid } = await student();
    const stolen = maker.make({
      name: 'step.complete',
      args: { ...maker.complete(pid, 2).args, completionId: other.completionId },
    });
    const res = await device.push([stolen, answerTo(maker, pid, 2)]);
    expect(res.status).toBe(200);
    expect(res.body.outcomes.map((o) => o.status)).toEqual(['rejected', 'accepted']);
    expect(res.body.outcomes[0]).toMatchObject({ code: 'ID_TAKEN' });
    // The same id twice inside one batch: the second is refused, the first stands.
    const fresh = uuidv7();
    const a = maker.make({
      name: 'step.complete',
      args: { ...maker.complete(pid, 2).args, completionId: fresh },
    });
    const b = maker.make({
      name: 'step.complete',
      args: { ...maker.complete(other.pid, 2).args, completionId: fresh },
    });
    const res2 = await device.push([a, b]);
    expect(res2.status).toBe(200);
    expect(res2.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'rejected']);
  });
});
