/**
 * A node that dies loses no acknowledged mutation. Two kiosks push to node A (a real process) on
 * PostgreSQL, through a relay standing in for the proxy. After a few acknowledgements the relay
 * loses node A's next answer, and node A is killed with SIGKILL at that instant (no shutdown, no
 * draining) while both kiosks keep pushing: one push was committed but never heard, others are
 * cut or refused. Each kiosk retries what was not acknowledged against node B, as it would
 * through the proxy. Afterwards everything acknowledged is in PostgreSQL and served by node B,
 * and every mutation is there exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import type { Mutation } from '../../../core/mutations/schemas.ts';
import type { ServerContext } from '../../../sync-server/context.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { DIALECTS, freshStore } from '../../support/dialects.ts';
import { createCampaign, createSchool, enroll, MutationMaker } from '../../support/factories.ts';
import { pgUrlOf, startNode, stopNode, storeContext, type NodeProcess } from '../../support/node-process.ts';
import { READY_LIMIT_MS } from '../../support/process.ts';
import { haveRedis, REDIS_URL } from '../../support/redis.ts';
import { relayTo, type Relay } from '../../support/relay.ts';

const BATCHES = 12;
const PER_BATCH = 40; // 20 students: a registration and an answer each
const KILL_AFTER_ACKS = 3;

/** One kiosk's outbox: batches in seq order, each pushed until a node acknowledges it. */
function outbox(): Mutation[][] {
  const maker = new MutationMaker();
  return Array.from({ length: BATCHES }, () =>
    Array.from({ length: PER_BATCH / 2 }, (_, i) => {
      const pid = uuidv7();
      return [maker.register(pid), maker.answerItem(pid, 1, 0, i)];
    }).flat(),
  );
}

describe.runIf(haveRedis && DIALECTS.includes('postgres'))('a node killed mid-push', () => {
  let a: NodeProcess;
  let b: NodeProcess;
  let store: Awaited<ReturnType<typeof freshStore>>;
  let ctx: ServerContext;
  let toA: Relay;

  beforeAll(async () => {
    store = await freshStore('postgres');
    ctx = storeContext(store);
    await createCampaign(ctx);
    const env = { DATABASE_URL: pgUrlOf(store.pgSchema!), REDIS_URL };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
    toA = await relayTo(a.url);
  }, READY_LIMIT_MS);
  afterAll(async () => {
    await toA?.close();
    await Promise.all([a, b].filter(Boolean).map(stopNode));
    await store?.close();
  });

  it('loses nothing acknowledged, and the retries on node B double nothing', async () => {
    const school = await createSchool(ctx, '77');
    const kiosks = [await enroll(a.url, ctx, school.id, 'ПК 1'), await enroll(a.url, ctx, school.id, 'ПК 2')];
    const acknowledged = new Set<string>();
    let acks = 0;
    let failedOnA = 0;
    let committedUnheard = 0;

    // Each kiosk talks to A until A is gone, then to B (the proxy's other upstream).
    const run = async (k: (typeof kiosks)[number], batches: Mutation[][]) => {
      const onA = new DeviceClient(toA.url, k.credential, k.instanceId);
      const onB = new DeviceClient(b.url, k.credential, k.instanceId);
      let node = onA;
      for (const batch of batches) {
        for (;;) {
          const res = await node.push(batch).catch(() => undefined);
          if (res?.status === 200) {
            expect(res.body.outcomes.map((o) => o.status)).toEqual(batch.map(() => 'accepted'));
            for (const o of res.body.outcomes) acknowledged.add(o.id);
            if (++acks === KILL_AFTER_ACKS) toA.loseNextAnswer(() => a.child.kill('SIGKILL'));
            break;
          }
          expect(node, `node B failed a push: ${res?.status}`).toBe(onA);
          failedOnA++;
          const stored = await ctx.db.selectFrom('mutations').select('id').where('id', '=', batch[0]!.id).execute();
          if (stored.length) committedUnheard++;
          node = onB;
        }
      }
    };
    const outboxes = kiosks.map(() => outbox());
    await Promise.all(kiosks.map((k, i) => run(k, outboxes[i]!)));

    expect(await a.exited).toBe('SIGKILL');
    expect(failedOnA).toBeGreaterThan(1);
    expect(committedUnheard).toBe(1);
    const all = outboxes.flat(2);
    expect(acknowledged.size).toBe(all.length);

    // In PostgreSQL: every mutation once, every student once, every answer once.
    const stored = await ctx.db.selectFrom('mutations').select('id').where('school_id', '=', school.id).execute();
    expect(stored).toHaveLength(all.length);
    expect(new Set(stored.map((m) => m.id))).toEqual(new Set(all.map((m) => m.id)));
    const students = await ctx.db.selectFrom('participants').select('id').where('school_id', '=', school.id).execute();
    expect(students).toHaveLength(all.length / 2);
    const answers = await ctx.db
      .selectFrom('answers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'participant_id',
        'in',
        students.map((s) => s.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(answers.n)).toBe(all.length / 2);

    // Served by node B: a fresh pull there brings every student.
    const pulled = await new DeviceClient(b.url, kiosks[0]!.credential, kiosks[0]!.instanceId).pullAll();
    const pulledStudents = new Set(pulled.changes.filter((c) => c.entity === 'participant').map((c) => c.key));
    expect(pulledStudents).toEqual(new Set(students.map((s) => s.id)));
  });
});
