/**
 * The kiosk store: a participant's change is written together with its outbox row or not at
 * all; a server refusal corrects the optimistic row and leaves a notice; a pulled change never
 * overwrites a row that still has unsent local work; the pull cursor commits with its chunk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PACK } from '../../../core/content/index.ts';
import { uuidv7 } from '../../../core/ids.ts';
import type { MutationBody } from '../../../core/mutations/schemas.ts';
import { applyLocal, type LocalContext } from '../../../electron/host/store/apply-local.ts';
import { getMeta } from '../../../electron/host/store/meta.ts';
import { openKioskStore, type KioskStore } from '../../../electron/host/store/open.ts';
import { acknowledge, noticesOf, outboxBatch, outboxStats } from '../../../electron/host/store/outbox.ts';
import { applyPulledChunk } from '../../../electron/host/store/pull-apply.ts';
import { activationOf, answersOf, participantById } from '../../../electron/host/store/rows.ts';
import { openSettings } from '../../support/factories.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { registration } from '../../support/kiosk/factories.ts';

const now = new Date();
const campaign = { id: uuidv7(), year: 2026, title: 'Моё будущее', settings: openSettings(now) };
const ctx: LocalContext = {
  now,
  campaignId: campaign.id,
  settings: campaign.settings,
  steps: TEST_PACK.steps,
  schoolId: uuidv7(),
  deviceId: uuidv7(),
};

const register = (participantId: string, email?: string): MutationBody => ({
  name: 'participant.register',
  args: {
    participantId,
    profile: registration({ ...(email ? { email } : {}) }).profile,
    passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
    consentVersion: 'test-1',
    consentAt: now.getTime(),
  },
});
const answer = (participantId: string, value: string): MutationBody => ({
  name: 'answer.save',
  args: { participantId, step: 1, itemId: 'pick-one', value },
});

describe('kiosk store', () => {
  let store: KioskStore;
  beforeEach(async () => {
    store = await openKioskStore(tempDir());
  });
  afterEach(() => store.close());

  it('runs in WAL with synchronous=FULL', () => {
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('writes the effect and the outbox row together, numbering mutations in device order', () => {
    const pid = uuidv7();
    const a = applyLocal(store, register(pid), ctx);
    const b = applyLocal(store, answer(pid, 'nature'), ctx);
    expect(a.status).toBe('accepted');
    expect(participantById(store, pid)?.email).toMatch(/@school\.ru$/);
    expect(answersOf(store, pid)).toHaveLength(1);
    const queued = outboxBatch(store, 10);
    expect(queued.map((m) => m.name)).toEqual(['participant.register', 'answer.save']);
    expect(queued[1]!.seq).toBe(queued[0]!.seq + 1);
    expect(b.status === 'accepted' && b.mutation.id).toBe(queued[1]!.id);
  });

  it('queues nothing when the rules refuse the change', () => {
    applyLocal(store, register(uuidv7(), 'same@school.ru'), ctx);
    const second = applyLocal(store, register(uuidv7(), 'same@school.ru'), ctx);
    expect(second).toMatchObject({ status: 'refused', decision: { code: 'EMAIL_TAKEN' } });
    expect(outboxStats(store).pending).toBe(1);
  });

  it('rolls back the outbox row when writing the effect fails (all or nothing)', () => {
    const pid = uuidv7();
    applyLocal(store, register(pid), ctx);
    store.sqlite.exec(`CREATE TRIGGER fail BEFORE INSERT ON answers BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => applyLocal(store, answer(pid, 'nature'), ctx)).toThrow(/disk full/);
    expect(outboxStats(store).pending).toBe(1);
    expect(answersOf(store, pid)).toHaveLength(0);
  });

  it('keeps the device counter growing after the outbox empties', () => {
    const pid = uuidv7();
    applyLocal(store, register(pid), ctx);
    const sent = outboxBatch(store, 10);
    acknowledge(store, sent, [{ id: sent[0]!.id, status: 'accepted' }], now.getTime());
    expect(outboxStats(store).pending).toBe(0);
    applyLocal(store, answer(pid, 'nature'), ctx);
    expect(outboxBatch(store, 10)[0]!.seq).toBe(sent[0]!.seq + 1);
  });

  it('turns a refused activation into a rejected one with a notice for the student', () => {
    const pid = uuidv7();
    applyLocal(store, register(pid), ctx);
    const code = 'ABCDEFGH';
    applyLocal(store, { name: 'code.activate', args: { activationId: uuidv7(), participantId: pid, code } }, ctx);
    expect(activationOf(store, pid)?.status).toBe('pending');
    const sent = outboxBatch(store, 10);
    const message = 'Такого кода нет. Проверьте код и введите его ещё раз.';
    acknowledge(
      store,
      sent,
      [
        { id: sent[0]!.id, status: 'accepted' },
        { id: sent[1]!.id, status: 'rejected', code: 'CODE_UNKNOWN', message },
      ],
      now.getTime(),
    );
    expect(activationOf(store, pid)).toMatchObject({ status: 'rejected', message });
    expect(noticesOf(store, pid)).toMatchObject([{ code: 'CODE_UNKNOWN', message }]);
    // The student may now enter another code.
    const again = applyLocal(
      store,
      { name: 'code.activate', args: { activationId: uuidv7(), participantId: pid, code: 'HGFEDCBA' } },
      ctx,
    );
    expect(again.status).toBe('accepted');
    expect(activationOf(store, pid)).toMatchObject({ code: 'HGFEDCBA', status: 'pending' });
  });

  it('keeps unanswered mutations queued', () => {
    applyLocal(store, register(uuidv7()), ctx);
    acknowledge(store, outboxBatch(store, 10), [], now.getTime());
    expect(outboxStats(store).pending).toBe(1);
  });

  it('defers a pulled change to a row with unsent work, then applies it once acknowledged', () => {
    const pid = uuidv7();
    applyLocal(store, register(pid), ctx);
    applyLocal(store, answer(pid, 'technic'), ctx);
    const serverRow = { participantId: pid, step: 1, itemId: 'pick-one', value: 'art', updatedAt: 1 };
    applyPulledChunk(store, {
      changes: [{ seq: 7, entity: 'answer', key: 'k', data: serverRow }],
      cursor: 7,
      campaign,
    });
    expect(answersOf(store, pid)[0]!.value).toBe('technic');
    expect(getMeta(store, 'cursor')).toBe(7);
    const sent = outboxBatch(store, 10);
    acknowledge(
      store,
      sent,
      sent.map((m) => ({ id: m.id, status: 'accepted' as const })),
      now.getTime(),
    );
    expect(answersOf(store, pid)[0]!.value).toBe('art');
  });

  it('commits the cursor with its chunk, and skips malformed changes without stalling', () => {
    const chunk = {
      changes: [
        {
          seq: 1,
          entity: 'code' as const,
          key: 'c',
          data: { code: 'ABCDEFGH', tariffId: 't', capacity: 5, campaignId: campaign.id },
        },
        { seq: 2, entity: 'participant' as const, key: 'p', data: { id: 'broken' } },
        // Each change is checked whole as it is applied: a broken envelope is skipped like broken data.
        {
          seq: 2.5,
          entity: 'code' as const,
          key: 'c',
          data: { code: 'YYYYYYYY', tariffId: 't', capacity: 5, campaignId: campaign.id },
        },
        null,
      ],
      cursor: 2,
      campaign,
    };
    expect(applyPulledChunk(store, chunk)).toEqual({ malformed: 3, unknownAt: null });
    expect(store.all(store.q.selectFrom('codes').select('code')).map((c) => c.code)).toEqual(['ABCDEFGH']);
    expect(getMeta(store, 'cursor')).toBe(2);
    expect(getMeta(store, 'campaign')?.id).toBe(campaign.id);
    store.sqlite.exec(`CREATE TRIGGER fail BEFORE INSERT ON codes BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const next = {
      ...chunk,
      changes: [{ ...chunk.changes[0]!, seq: 3, data: { ...chunk.changes[0]!.data, code: 'ZZZZZZZZ' } }],
      cursor: 3,
    };
    expect(() => applyPulledChunk(store, next)).toThrow(/disk full/);
    expect(getMeta(store, 'cursor')).toBe(2);
  });

  it('stops a page at a change of a kind this kiosk does not know, with the cursor before it', () => {
    const code = (seq: number, value: string) => ({
      seq,
      entity: 'code' as const,
      key: value,
      data: { code: value, tariffId: 't', capacity: 5, campaignId: campaign.id },
    });
    const chunk = {
      changes: [
        code(1, 'ABCDEFGH'),
        { seq: 2, entity: 'a newer server’s kind', key: 'x', data: {} },
        code(3, 'YYYYYYYY'),
      ],
      cursor: 3,
      campaign,
    };
    // Nothing after it is skipped for good: an updated kiosk pulls it again from seq 1.
    expect(applyPulledChunk(store, chunk)).toEqual({ malformed: 0, unknownAt: 2 });
    expect(store.all(store.q.selectFrom('codes').select('code')).map((c) => c.code)).toEqual(['ABCDEFGH']);
    expect(getMeta(store, 'cursor')).toBe(1);
  });
});
