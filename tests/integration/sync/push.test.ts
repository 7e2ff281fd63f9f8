/** Sync push: retries, duplicates, reordering, rejections kept, revoked and cloned devices. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH } from '../../../core/contracts/sync.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { listDevices, revokeDevice } from '../../../sync-server/devices/devices.service.ts';
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

describe.each(DIALECTS)('sync push on %s', (dialect) => {
  let server: TestServer;
  let device: DeviceClient;
  let schoolId: string;
  let code: string;
  const maker = new MutationMaker();

  beforeAll(async () => {
    server = await startTestServer(dialect, { contentPackFile: TEST_PACK_FILE });
    const campaign = await createCampaign(server.ctx);
    schoolId = (await createSchool(server.ctx)).id;
    code = (await createTariff(server.ctx, campaign.id, schoolId, 30)).code;
    const e = await enroll(server.url, server.ctx, schoolId);
    device = new DeviceClient(server.url, e.credential, e.instanceId);
  });
  afterAll(() => server.stop());

  const count = async (table: 'participants' | 'answers' | 'mutations' | 'activations' | 'completion_history') =>
    Number(
      (
        await server.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('accepts a batch once, and answers a retried batch with the stored outcomes', async () => {
    const pid = uuidv7();
    const batch = [maker.register(pid), maker.activate(pid, code), maker.answerItem(pid, 1, 0)];
    const first = await device.push(batch);
    expect(first.status).toBe(200);
    expect(first.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const before = { p: await count('participants'), m: await count('mutations') };
    const again = await device.push(batch);
    expect(again.body.outcomes).toEqual(first.body.outcomes);
    expect({ p: await count('participants'), m: await count('mutations') }).toEqual(before);
  });

  // A full batch's rows outgrow one piece of the PostgreSQL bulk write (batch.ts pgRecords).
  it('stores a full batch whole: every mutation logged, every student kept, every change pulled', async () => {
    const { cursor } = await device.pullAll();
    const ids = Array.from({ length: MAX_PUSH_BATCH }, () => uuidv7());
    const batch = ids.map((pid, i) => maker.register(pid, `full${i}@school.ru`));
    const res = await device.push(batch);
    expect(res.status).toBe(200);
    expect(res.body.outcomes.every((o) => o.status === 'accepted')).toBe(true);
    const logged = await server.ctx.db
      .selectFrom('mutations')
      .select(['id', 'payload'])
      .where(
        'id',
        'in',
        batch.map((m) => m.id),
      )
      .execute();
    expect(new Map(logged.map((r) => [r.id, JSON.parse(r.payload) as unknown]))).toEqual(
      new Map(batch.map((m) => [m.id, m])),
    );
    const kept = await server.ctx.db
      .selectFrom('participants')
      .select(['id', 'surname'])
      .where('id', 'in', ids)
      .execute();
    expect(kept.map((r) => r.surname)).toEqual(ids.map(() => 'Иванова'));
    const pulled = (await device.pullAll(cursor)).changes.filter((c) => c.entity === 'participant');
    expect(pulled.map((c) => c.key).sort()).toEqual([...ids].sort());
    expect(new Set(pulled.map((c) => c.seq)).size).toBe(ids.length);
  });

  it('answers a reused id with different content with 409, and keeps both versions', async () => {
    const pid = uuidv7();
    const reg = maker.register(pid);
    await device.push([reg]);
    const tampered = { ...reg, args: { ...reg.args, profile: { ...reg.args.profile, surname: 'Петрова' } } };
    const res = await device.push([tampered]);
    expect(res.status).toBe(409);
    expect(res.body.outcomes[0]).toMatchObject({ status: 'conflict', code: 'MUTATION_ID_REUSED' });
    const kept = await server.ctx.db
      .selectFrom('mutation_conflicts')
      .selectAll()
      .where('mutation_id', '=', reg.id)
      .execute();
    expect(kept).toHaveLength(1);
    const original = await server.ctx.db
      .selectFrom('participants')
      .select('surname')
      .where('id', '=', pid)
      .executeTakeFirstOrThrow();
    expect(original.surname).toBe('Иванова');
  });

  it('recognises a retry of a mutation stored under an older fingerprint, and still a changed one', async () => {
    const pid = uuidv7();
    const reg = maker.register(pid);
    const answer = maker.answerItem(pid, 1, 0);
    await device.push([reg, answer]);
    // As a server before this fingerprint format left it.
    await server.ctx.db.updateTable('mutations').set({ hash: 'older-format' }).where('id', '=', answer.id).execute();
    const retry = await device.push([answer]);
    expect(retry.status).toBe(200);
    expect(retry.body.outcomes[0]).toEqual({ id: answer.id, status: 'accepted' });
    const changed = await device.push([{ ...answer, args: { ...answer.args, value: 'b' } }]);
    expect(changed.status).toBe(409);
    expect(changed.body.outcomes[0]).toMatchObject({ status: 'conflict', code: 'MUTATION_ID_REUSED' });
  });

  it('rejects text no store can keep (NUL, half an emoji) one mutation at a time, and takes the rest', async () => {
    const pid = uuidv7();
    await device.push([maker.register(pid)]);
    const nul = maker.answer(pid, 5, 'note', 'до\u0000после');
    const halfEmoji = maker.answer(pid, 11, 'note', '😀'.slice(0, 1));
    const badItem = maker.answer(pid, 5, 'q\u0000', 'a');
    const fine = maker.answer(pid, 5, 'note', 'ответ 😀');
    const res = await device.push([nul, halfEmoji, badItem, fine]);
    expect(res.status).toBe(200);
    expect(res.body.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'accepted']);
    expect(res.body.outcomes[0]).toMatchObject({ code: 'INVALID_MUTATION' });
    const stored = await server.ctx.db
      .selectFrom('answers')
      .select(['item_id', 'value'])
      .where('participant_id', '=', pid)
      .execute();
    expect(stored).toEqual([{ item_id: 'note', value: JSON.stringify('ответ 😀') }]);
  });

  it('parks a step result that arrives before its registration, and applies it when the student arrives', async () => {
    const pid = uuidv7();
    const reg = maker.register(pid);
    const ans = maker.answer(pid, 3, 'pair', 'b');
    const early = await device.push([ans]);
    expect(early.body.outcomes[0]!.status).toBe('parked');
    await device.push([reg]);
    const row = await server.ctx.db
      .selectFrom('answers')
      .selectAll()
      .where('participant_id', '=', pid)
      .executeTakeFirst();
    expect(row && JSON.parse(row.value)).toBe('b');
    const stored = await server.ctx.db
      .selectFrom('mutations')
      .select('status')
      .where('id', '=', ans.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('accepted');
  });

  it('keeps a rejected mutation with its reason, and it never blocks the ones behind it', async () => {
    const a = uuidv7();
    const b = uuidv7();
    const regA = maker.register(a, 'same@school.ru');
    await device.push([regA]);
    const clash = maker.register(b, 'same@school.ru');
    const other = uuidv7();
    const res = await device.push([clash, maker.register(other), maker.answerItem(other, 1, 0)]);
    expect(res.body.outcomes.map((o) => o.status)).toEqual(['rejected', 'accepted', 'accepted']);
    expect(res.body.outcomes[0]).toMatchObject({ code: 'EMAIL_TAKEN' });
    expect((res.body.outcomes[0] as { message: string }).message).toMatch(/e-mail/);
    const rejected = await server.ctx.db
      .selectFrom('mutations')
      .selectAll()
      .where('id', '=', clash.id)
      .executeTakeFirstOrThrow();
    expect(rejected).toMatchObject({ status: 'rejected', code: 'EMAIL_TAKEN' });
  });

  it('takes a student as existing only once their registration is accepted', async () => {
    const first = uuidv7();
    await device.push([maker.register(first, 'twin@school.ru'), maker.answerItem(first, 1, 0)]);
    // The same e-mail again is refused, so this student does not exist, whatever was sent.
    const refused = uuidv7();
    const res = await device.push([maker.register(refused, 'twin@school.ru')]);
    expect(res.body.outcomes[0]).toMatchObject({ status: 'rejected', code: 'EMAIL_TAKEN' });
    const later = await device.push([maker.answerItem(first, 2, 0), maker.answerItem(refused, 1, 0)]);
    expect(later.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'parked']);
    const landed = await server.ctx.db
      .selectFrom('answers')
      .select('participant_id')
      .where('participant_id', 'in', [first, refused])
      .execute();
    expect(landed.map((r) => r.participant_id)).toEqual([first, first]);
  });

  it('refuses a second code for an activated student, and the same code again changes nothing', async () => {
    const campaign = await server.ctx.db
      .selectFrom('campaigns')
      .select('id')
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    const second = (await createTariff(server.ctx, campaign.id, schoolId, 5)).code;
    const pid = uuidv7();
    await device.push([maker.register(pid), maker.activate(pid, code)]);
    const used = async (c: string) =>
      (await server.ctx.db.selectFrom('tariffs').select('used').where('code', '=', c).executeTakeFirstOrThrow()).used;
    const before = await used(code);
    const res = await device.push([maker.activate(pid, code), maker.activate(pid, second)]);
    expect(res.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'rejected']);
    expect(res.body.outcomes[1]).toMatchObject({ code: 'ALREADY_ACTIVATED' });
    expect(await used(code)).toBe(before);
    expect(await used(second)).toBe(0);
  });

  it('lets the first accepted completion of a step stand and keeps later ones as history', async () => {
    const pid = uuidv7();
    const first = maker.complete(pid, 3);
    const later = maker.complete(pid, 3, 1);
    await device.push([maker.register(pid), maker.complete(pid, 1), maker.complete(pid, 2), first, later]);
    const stands = await server.ctx.db
      .selectFrom('completions')
      .selectAll()
      .where('participant_id', '=', pid)
      .where('step', '=', 3)
      .execute();
    expect(stands.map((s) => s.id)).toEqual([first.args.completionId]);
    const history = await server.ctx.db
      .selectFrom('completion_history')
      .select('id')
      .where('participant_id', '=', pid)
      .execute();
    expect(history.map((h) => h.id)).toEqual([later.args.completionId]);
  });

  it('rejects malformed mutations one by one with a reason', async () => {
    const pid = uuidv7();
    const res = await device.push([{ id: 'x', name: 'answer.save', args: {} }, maker.register(pid)]);
    expect(res.status).toBe(200);
    expect(res.body.outcomes[0]).toMatchObject({ status: 'rejected', code: 'INVALID_MUTATION' });
    expect(res.body.outcomes[1]!.status).toBe('accepted');
  });

  it('keeps what the device reports about its health, in the same commit as its batch', async () => {
    const oldest = Date.now() - 60_000;
    await device.push(
      [maker.register(uuidv7())],
      device.health({ pending: 7, oldestPendingAt: oldest, lastError: 'сеть недоступна', clockOffsetMs: -4200 }),
    );
    const [me] = (await listDevices(server.ctx, schoolId)).filter((d) => d.name === 'ПК 1');
    expect(me).toMatchObject({
      pending: 7,
      oldestPendingAt: oldest,
      lastError: 'сеть недоступна',
      clockOffsetMs: -4200,
      appVersion: 'test',
    });
    expect(me!.lastSeenAt).toBeGreaterThan(oldest);
  });

  it("never moves a device's applied number back when an older mutation arrives late", async () => {
    const pid = uuidv7();
    const reg = maker.register(pid);
    const early = maker.answerItem(pid, 1, 0);
    const late = maker.answerItem(pid, 2, 0);
    await device.push([reg, late]);
    await device.push([early]);
    const rows = await server.ctx.db
      .selectFrom('devices')
      .select('last_seq')
      .where('school_id', '=', schoolId)
      .execute();
    expect(rows.map((r) => r.last_seq)).toContain(late.seq);
    // A retry of the later batch is still answered from the log, not applied twice.
    const again = await device.push([reg, late]);
    expect(again.body.outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted']);
  });

  it('refuses a cloned installation presenting the same credential', async () => {
    const res = await device.push([], device.health({ instanceId: uuidv7() }));
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('DEVICE_CLONED');
  });

  it('refuses a revoked device, and keeps what it pushed before', async () => {
    const e = await enroll(server.url, server.ctx, schoolId, 'ПК 9');
    const d = new DeviceClient(server.url, e.credential, e.instanceId);
    const pid = uuidv7();
    await d.push([maker.register(pid)]);
    await revokeDevice(server.ctx, schoolId, e.deviceId);
    const res = await d.push([maker.answerItem(pid, 1, 0)]);
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('DEVICE_REVOKED');
    expect(
      await server.ctx.db.selectFrom('participants').select('id').where('id', '=', pid).executeTakeFirst(),
    ).toBeTruthy();
  });
});
