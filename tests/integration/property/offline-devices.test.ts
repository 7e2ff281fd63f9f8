/**
 * Random interleavings of classroom devices going on and offline, talking to the server through a
 * network that drops requests, drops responses (the server committed, the device never heard),
 * duplicates and delays requests; devices take part in lease rounds (returns, top-ups), time
 * passes so leases expire and are reclaimed. Afterwards every device converges to the server, no
 * accepted mutation is lost, nothing is applied twice, no code exceeds its capacity, nobody still
 * waits for a place, and no student is refused while a place of their code was never used.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import type { Mutation } from '../../../core/mutations/schemas.ts';
import { loadConfig } from '../../../sync-server/config.ts';
import type { ServerContext } from '../../../sync-server/context.ts';
import type { Dialect } from '../../../sync-server/db/connect.ts';
import { createEnrollmentCode, enrollDevice } from '../../../sync-server/devices/devices.service.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { TEST_PACK } from '../../../core/content/index.ts';
import { exchangeLeases, settleAll } from '../../../sync-server/sync/leases.service.ts';
import { pullChanges } from '../../../sync-server/sync/pull.service.ts';
import { pushMutations, type Campaignish } from '../../../sync-server/sync/push.service.ts';
import { DIALECTS, freshStore } from '../../support/dialects.ts';
import { createCampaign, createSchool, createTariff, MutationMaker } from '../../support/factories.ts';

const DEVICES = 3;
const CAPACITY = 4;

type Action =
  | { kind: 'register'; d: number }
  | { kind: 'activate'; d: number; p: number; useLease: boolean }
  | { kind: 'answer'; d: number; p: number; item: number; value: number }
  | { kind: 'complete'; d: number; p: number; step: number }
  | { kind: 'send'; d: number; n: number; fate: 'ok' | 'lost-request' | 'lost-response' }
  | { kind: 'replay'; d: number; back: number }
  | { kind: 'lease'; d: number }
  | { kind: 'tick'; hours: number };

const d = fc.integer({ min: 0, max: DEVICES - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), d }),
  fc.record({ kind: fc.constant('activate' as const), d, p: fc.nat(20), useLease: fc.boolean() }),
  fc.record({ kind: fc.constant('answer' as const), d, p: fc.nat(20), item: fc.nat(3), value: fc.nat(9) }),
  fc.record({ kind: fc.constant('tick' as const), hours: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('complete' as const), d, p: fc.nat(20), step: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant('send' as const),
    d,
    n: fc.integer({ min: 1, max: 6 }),
    fate: fc.constantFrom('ok' as const, 'lost-request' as const, 'lost-response' as const),
  }),
  fc.record({ kind: fc.constant('replay' as const), d, back: fc.nat(5) }),
  fc.record({ kind: fc.constant('lease' as const), d }),
  fc.record({ kind: fc.constant('lease' as const), d }),
);

interface Device {
  id: string;
  maker: MutationMaker;
  outbox: Mutation[];
  sent: Mutation[][];
  participants: string[];
  /** The device's own view of its lease: slots it may give, and how many it has given. */
  lease?: { id: string; slots: number; used: number; expiresAt: number };
}

async function run(dialect: Dialect, actions: Action[]) {
  const store = await freshStore(dialect);
  let now = Date.now();
  const ctx: ServerContext = {
    config: loadConfig({ LOG_LEVEL: 'silent', LEASE_TTL_HOURS: '8' }),
    store,
    db: store.db,
    log: createLogger('silent'),
    now: () => now,
    nudge: () => {},
  };
  try {
    const campaign = await createCampaign(ctx);
    const school = await createSchool(ctx);
    const { code } = await createTariff(ctx, campaign.id, school.id, CAPACITY);
    const c: Campaignish = { id: campaign.id, settings: campaign.settings, steps: TEST_PACK.steps };
    const devices: Device[] = [];
    for (let i = 0; i < DEVICES; i++) {
      const { code: e } = await createEnrollmentCode(ctx, school.id, 'test');
      const r = await enrollDevice(ctx, {
        enrollmentCode: e,
        deviceName: `ПК ${i}`,
        instanceId: uuidv7(),
        appVersion: 't',
      });
      devices.push({ id: r.deviceId, maker: new MutationMaker(() => now), outbox: [], sent: [], participants: [] });
    }
    const created: Mutation[] = [];
    const push = (dev: Device, batch: Mutation[]) =>
      pushMutations(ctx, c, { deviceId: dev.id, schoolId: school.id }, batch);
    const leaseRound = async (dev: Device) => {
      const held = dev.lease ? [{ id: dev.lease.id, used: dev.lease.used }] : [];
      const got = (await exchangeLeases(ctx, { id: dev.id, schoolId: school.id }, campaign.id, held)).find(
        (l) => l.code === code,
      );
      const mine = dev.lease;
      // A slot given here but not yet sent stays given, whatever the answer says.
      if (got) dev.lease = { ...got, used: Math.max(got.used, mine?.id === got.id ? mine.used : 0) };
      else if (!dev.outbox.some((m) => m.name === 'code.activate' && m.args.leaseId === mine?.id))
        dev.lease = undefined;
    };
    const queue = (dev: Device, m: Mutation) => {
      dev.outbox.push(m);
      created.push(m);
    };
    // Students may move between PCs of the school, so any device may act for any known student.
    const anyone = (p: number) => {
      const all = devices.flatMap((x) => x.participants);
      return all.length ? all[p % all.length]! : undefined;
    };

    for (const a of actions) {
      if (a.kind === 'tick') {
        now += a.hours * 3_600_000;
        continue;
      }
      const dev = devices[a.d]!;
      if (a.kind === 'register') {
        const pid = uuidv7();
        dev.participants.push(pid);
        queue(dev, dev.maker.register(pid));
      } else if (a.kind === 'activate' || a.kind === 'answer' || a.kind === 'complete') {
        const pid = anyone(a.p);
        if (!pid) continue;
        if (a.kind === 'activate') {
          // As a kiosk does: a slot of its own unexpired lease, while it has one.
          const l = dev.lease;
          const fromLease = a.useLease && l && l.used < l.slots && now < l.expiresAt ? l : undefined;
          if (fromLease) fromLease.used += 1;
          queue(dev, dev.maker.activate(pid, code, fromLease?.id));
        }
        if (a.kind === 'answer') queue(dev, dev.maker.answerItem(pid, 1 + (a.item % 3), 0, a.value));
        if (a.kind === 'complete') queue(dev, dev.maker.complete(pid, a.step));
      } else if (a.kind === 'send') {
        const batch = dev.outbox.slice(0, a.n);
        if (!batch.length) continue;
        dev.sent.push(batch);
        if (a.fate === 'lost-request') continue;
        await push(dev, batch);
        // Only a response that arrives lets the device forget what the server acknowledged.
        if (a.fate === 'ok') dev.outbox.splice(0, batch.length);
      } else if (a.kind === 'replay') {
        const old = dev.sent[dev.sent.length - 1 - a.back];
        if (old) await push(dev, old);
      } else if (a.kind === 'lease') {
        await leaseRound(dev);
      }
    }
    // The link comes back for good: every device drains its outbox.
    for (const dev of devices) {
      while (dev.outbox.length) {
        const batch = dev.outbox.splice(0, 5);
        const outcomes = await push(dev, batch);
        expect(outcomes.every((o) => o.status !== 'conflict')).toBe(true);
      }
    }

    // Each PC takes part in a lease round, then they all go quiet long enough for leases to expire.
    for (const dev of devices) await leaseRound(dev);
    now += 9 * 3_600_000;
    await settleAll(ctx);

    // Nothing lost, nothing twice: every mutation ever made is stored once, none left waiting.
    const stored = await ctx.db.selectFrom('mutations').select(['id', 'status']).execute();
    expect(new Set(stored.map((s) => s.id))).toEqual(new Set(created.map((m) => m.id)));
    expect(stored.filter((s) => s.status === 'parked')).toEqual([]);

    // No code exceeds its capacity, and the counter agrees with the activations themselves.
    const t = await ctx.db.selectFrom('tariffs').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    const acts = await ctx.db.selectFrom('activations').selectAll().where('code', '=', code).execute();
    const confirmed = acts.filter((x) => x.status === 'confirmed');
    expect(confirmed.length).toBe(t.used);
    expect(t.used + t.reserved).toBeLessThanOrEqual(CAPACITY);
    expect(t.reserved).toBe(0);
    expect(new Set(acts.map((x) => x.participant_id)).size).toBe(acts.length);
    // Places follow the students: nobody waits once leases are back, and a refusal means the code is full.
    expect(acts.filter((x) => x.status === 'waiting')).toEqual([]);
    if (acts.some((x) => x.status === 'refused')) expect(t.used).toBe(CAPACITY);

    // Every device converges: folding the school's feed gives exactly the server's records.
    const feed = new Map<string, unknown>();
    let cursor = 0;
    for (;;) {
      const page = await pullChanges(ctx, school.id, cursor, 7);
      for (const ch of page.changes) feed.set(`${ch.entity}:${ch.key}`, ch.data);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const answers = await ctx.db.selectFrom('answers').selectAll().execute();
    for (const row of answers) {
      expect(feed.get(`answer:${row.participant_id}:${row.step}:${row.item_id}`)).toMatchObject({
        value: JSON.parse(row.value),
      });
    }
    const participants = await ctx.db.selectFrom('participants').select('id').execute();
    expect([...feed.keys()].filter((k) => k.startsWith('participant:')).length).toBe(participants.length);
    const completions = await ctx.db.selectFrom('completions').selectAll().execute();
    for (const row of completions)
      expect(feed.get(`completion:${row.participant_id}:${row.step}`)).toMatchObject({ id: row.id });
    expect([...feed.keys()].filter((k) => k.startsWith('activation:')).length).toBe(acts.length);
    for (const row of acts) {
      expect(feed.get(`activation:${row.participant_id}`)).toMatchObject({ id: row.id, status: row.status });
    }
  } finally {
    await store.close();
  }
}

describe.each(DIALECTS)('offline devices on %s', (dialect) => {
  it('converge, lose nothing accepted and never exceed a code’s capacity', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 60 }), (actions) => run(dialect, actions)),
      { numRuns: dialect === 'sqlite' ? 40 : 12 },
    );
  }, 240_000);
});
