/** A code's capacity holds under concurrent activations, with and without leases; pull is resumable and scoped. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/ids.ts';
import { DIALECTS } from '../../support/dialects.ts';
import { DeviceClient } from '../../support/device-client.ts';
import {
  createCampaign,
  createSchool,
  createTariff,
  enroll,
  MutationMaker,
  TEST_PACK_FILE,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe.each(DIALECTS)('capacity and pull on %s', (dialect) => {
  let server: TestServer;
  let campaignId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    campaignId = (await createCampaign(server.ctx)).id;
  });
  afterAll(() => server.stop());

  async function classroom(devices: number) {
    const school = await createSchool(server.ctx);
    const clients = [];
    for (let i = 0; i < devices; i++) {
      const e = await enroll(server.url, server.ctx, school.id, `ПК ${i + 1}`);
      clients.push(new DeviceClient(server.url, e.credential, e.instanceId));
    }
    return { school, clients };
  }

  const tariff = (code: string) =>
    server.ctx.db.selectFrom('tariffs').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

  it('never exceeds a code’s capacity when many devices activate at once', async () => {
    const { school, clients } = await classroom(6);
    const { code } = await createTariff(server.ctx, campaignId, school.id, 7);
    const results = await Promise.all(
      clients.map(async (c) => {
        const maker = new MutationMaker();
        const batch = [];
        for (let i = 0; i < 4; i++) {
          const pid = uuidv7();
          batch.push(maker.register(pid), maker.activate(pid, code));
        }
        return (await c.push(batch)).body.outcomes.filter((_, i) => i % 2 === 1);
      }),
    );
    const flat = results.flat();
    expect(flat.filter((o) => o.status === 'accepted')).toHaveLength(7);
    expect(flat.filter((o) => o.status === 'rejected').every((o) => 'code' in o && o.code === 'CODE_FULL')).toBe(true);
    expect((await tariff(code)).used).toBe(7);
  });

  it('never exceeds capacity when offline devices activate from their leases and others without', async () => {
    const { school, clients } = await classroom(4);
    const { code } = await createTariff(server.ctx, campaignId, school.id, 10);
    const leases = await Promise.all(clients.map((c) => c.leases()));
    const granted = leases.map((l) => l.body.leases.find((x) => x.code === code)?.slots ?? 0);
    expect(granted.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
    expect((await tariff(code)).reserved).toBe(granted.reduce((a, b) => a + b, 0));
    // Every device activates 4 students offline: up to its lease with the lease, the rest without.
    const outcomes = await Promise.all(
      clients.map(async (c, d) => {
        const maker = new MutationMaker();
        const leaseId = leases[d]!.body.leases.find((x) => x.code === code)?.id;
        const batch = [];
        for (let i = 0; i < 4; i++) {
          const pid = uuidv7();
          batch.push(maker.register(pid), maker.activate(pid, code, i < granted[d]! ? leaseId : undefined));
        }
        return { leased: granted[d]!, outcomes: (await c.push(batch)).body.outcomes.filter((_, i) => i % 2 === 1) };
      }),
    );
    // Leased activations are always confirmed: their slot was held for them.
    for (const o of outcomes) expect(o.outcomes.slice(0, o.leased).every((x) => x.status === 'accepted')).toBe(true);
    const t = await tariff(code);
    expect(t.used).toBe(10);
    // The others waited while the leased slots were unused, and were refused once they were all used.
    const rows = await server.ctx.db.selectFrom('activations').select('status').where('code', '=', code).execute();
    const count = (s: string) => rows.filter((r) => r.status === s).length;
    expect({ confirmed: count('confirmed'), refused: count('refused'), waiting: count('waiting') }).toEqual({
      confirmed: 10,
      refused: 6,
      waiting: 0,
    });
    expect(t.used + t.reserved).toBeLessThanOrEqual(t.participants);
  });

  it('pulls a school’s changes page by page from any cursor, and nothing of another school', async () => {
    const a = await classroom(1);
    const b = await classroom(1);
    const maker = new MutationMaker();
    const batch = [];
    for (let i = 0; i < 5; i++) {
      const pid = uuidv7();
      batch.push(maker.register(pid), maker.answerItem(pid, 1, 0, i));
    }
    await a.clients[0]!.push(batch);
    const all = await a.clients[0]!.pullAll(0, 500);
    const paged = await a.clients[0]!.pullAll(0, 3);
    expect(paged.changes).toEqual(all.changes);
    expect(all.changes.filter((c) => c.entity === 'participant')).toHaveLength(5);
    const seqs = all.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const from = seqs[4]!;
    const rest = await a.clients[0]!.pullAll(from, 2);
    expect(rest.changes).toEqual(all.changes.filter((c) => c.seq > from));
    const other = await b.clients[0]!.pullAll(0);
    expect(other.changes.some((c) => c.entity === 'participant' || c.entity === 'answer')).toBe(false);
  });
});
