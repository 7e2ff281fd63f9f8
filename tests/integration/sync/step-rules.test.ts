/**
 * The server runs the kiosk's step rules on every pushed answer and completion (the same domain
 * code): a forged or broken device cannot store an answer to an item that does not exist, an
 * answer that does not fit, a step out of turn or an empty step marked done, nor get it scored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { DIALECTS } from '../../support/dialects.ts';
import type { DeviceClient } from '../../support/device-client.ts';
import { startEnrolledPc } from '../../support/enrolled.ts';
import { MutationMaker } from '../../support/factories.ts';
import type { TestServer } from '../../support/server.ts';

describe.each(DIALECTS)('the server checks the steps on %s', (dialect) => {
  let server: TestServer;
  let device: DeviceClient;
  let code: string;
  const maker = new MutationMaker();

  beforeAll(async () => {
    ({ server, device, code } = await startEnrolledPc(dialect));
  });
  afterAll(() => server.stop());

  async function student() {
    const pid = uuidv7();
    await device.push([maker.register(pid), maker.activate(pid, code)]);
    return pid;
  }
  const stored = async (pid: string) => ({
    answers: await server.ctx.db.selectFrom('answers').select('item_id').where('participant_id', '=', pid).execute(),
    completions: await server.ctx.db
      .selectFrom('completions')
      .select('step')
      .where('participant_id', '=', pid)
      .execute(),
  });

  it('rejects answers to items that do not exist and answers that do not fit, one by one', async () => {
    const pid = await student();
    const res = await device.push([
      maker.answer(pid, 1, 'no-such-item', 'nature'),
      maker.answer(pid, 1, 'hello', 'x'),
      maker.answer(pid, 1, 'pick-one', 'not-an-option'),
      maker.answer(pid, 4, 'agree', 42),
      maker.answer(pid, 13, 'pick-one', 'nature'),
      maker.answer(pid, 1, 'pick-one', 'nature'),
    ]);
    expect(res.status).toBe(200);
    const outcomes = res.body.outcomes.map((o) => (o.status === 'rejected' ? o.code : o.status));
    expect(outcomes).toEqual([
      'ITEM_UNKNOWN',
      'ITEM_UNKNOWN',
      'ANSWER_INVALID',
      'ANSWER_INVALID',
      'STEP_OUT_OF_RANGE',
      'accepted',
    ]);
    for (const o of res.body.outcomes.filter((x) => x.status === 'rejected')) {
      expect((o as { message: string }).message).toMatch(/^[А-ЯЁ]/);
    }
    expect((await stored(pid)).answers).toEqual([{ item_id: 'pick-one' }]);
  });

  it('never stores an empty step, a step out of turn or a stray item as completed', async () => {
    const pid = await student();
    const empty = maker.make({
      name: 'step.complete' as const,
      args: { completionId: uuidv7(), participantId: pid, step: 1, answers: {} },
    });
    const stray = maker.make({
      name: 'step.complete' as const,
      args: { completionId: uuidv7(), participantId: pid, step: 1, answers: { 'pick-one': 'nature', forged: 'x' } },
    });
    const outOfTurn = maker.complete(pid, 3);
    const res = await device.push([empty, stray, outOfTurn]);
    expect(res.body.outcomes.map((o) => (o.status === 'rejected' ? o.code : o.status))).toEqual([
      'STEP_INCOMPLETE',
      'ITEM_UNKNOWN',
      'STEP_LOCKED',
    ]);
    expect((await stored(pid)).completions).toEqual([]);
    const kept = await server.ctx.db
      .selectFrom('mutations')
      .select(['status', 'code'])
      .where('id', 'in', [empty.id, stray.id, outOfTurn.id])
      .execute();
    expect(kept.every((k) => k.status === 'rejected' && k.code)).toBe(true);
    // In turn and complete, the same steps are taken.
    const ok = await device.push([maker.complete(pid, 1), maker.complete(pid, 2), maker.complete(pid, 3)]);
    expect(ok.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect((await stored(pid)).completions.map((c) => c.step).sort()).toEqual([1, 2, 3]);
  });
});
