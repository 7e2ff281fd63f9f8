/**
 * The parts of one sync round: push the outbox, pull the school's changes, top up activation
 * leases, refresh the content pack. Each is a plain function of its I/O, run in turn by the engine.
 */
import { MAX_PULL_LIMIT, MAX_PUSH_BATCH, type DeviceHealth } from '../../../core/contracts/sync.ts';
import type { CorrectedClock } from '../clock.ts';
import { getMeta, setMeta } from '../store/meta.ts';
import type { KioskStore } from '../store/open.ts';
import { acknowledge, outboxBatch } from '../store/outbox.ts';
import { applyChange, applyPulledChunk } from '../store/pull-apply.ts';
import type { Mutation } from '../../../core/mutations/schemas.ts';
import { SyncApi } from './api.ts';

export interface SyncDeps {
  store: KioskStore;
  api: SyncApi;
  clock: CorrectedClock;
  health(): DeviceHealth;
  log(msg: string, extra?: object): void;
}

/**
 * Node writes a request to its keep-alive socket on the next tick, so one asked for just before a
 * long synchronous write (recording an answer, applying a page) would wait for that write to end:
 * the server would sit idle instead of working in parallel. A turn of the event loop sends it.
 */
const sendingNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Pushes the outbox in seq order, batch by batch, until it is empty or the server stops answering
 * some. An empty outbox still sends one empty push: it carries the device's health (staff see the
 * kiosk's last contact) and lets the server spot a cloned installation early.
 * While the server works on a batch, the kiosk reads and serialises the next one; it goes as soon
 * as the answer is in, before the kiosk records that answer, so the server works on one while
 * the kiosk writes the other. Each batch still goes only after the one before it was committed
 * by the server, in seq order.
 */
export async function pushAll(d: SyncDeps, timeoutMs?: number): Promise<number> {
  let sent = 0;
  // The health report is read once a round (counting the outbox reads all of it); later batches
  // report what is left of that count, and the oldest change is the batch's first.
  const health = d.health();
  const body = (batch: Mutation[]) => {
    const pending = Math.max(health.pending - sent, batch.length);
    return SyncApi.pushBody(batch, { ...health, pending, oldestPendingAt: batch[0]?.at ?? null });
  };
  let batch = outboxBatch(d.store, MAX_PUSH_BATCH);
  let answer = d.api.push(body(batch), timeoutMs);
  answer.catch(() => {}); // awaited below: a refusal must not count as unhandled while it leaves
  await sendingNow();
  for (;;) {
    const next = batch.length ? outboxBatch(d.store, MAX_PUSH_BATCH, batch[batch.length - 1]!.seq) : [];
    const nextBody = next.length ? body(next) : undefined;
    const res = await answer;
    const nextAnswer = nextBody ? d.api.push(nextBody, timeoutMs) : undefined;
    // Awaited below; or, when this batch comes back short, left to land: what it carries stays
    // queued and the server answers it from its log next round.
    nextAnswer?.catch(() => {});
    // The request is written to its socket on the next tick: let it leave before the work below.
    if (nextAnswer) await sendingNow();
    const answered = acknowledge(d.store, batch, res.outcomes, d.clock.now());
    sent += batch.length;
    // An answer that skips some of our ids would loop forever; the rest goes next round.
    if (batch.some((m) => !answered.has(m.id))) {
      d.log('push: server left mutations unanswered', { unanswered: batch.filter((m) => !answered.has(m.id)).length });
      return sent;
    }
    if (!nextAnswer) return sent;
    batch = next;
    answer = nextAnswer;
  }
}

/**
 * Pulls from the stored cursor until the server has nothing more, committing chunk by chunk. The
 * next page is asked for before a page is written, so the server reads while the kiosk writes.
 */
export async function pullAll(d: SyncDeps): Promise<number> {
  let applied = 0;
  let cursor = getMeta(d.store, 'cursor') ?? 0;
  let answer = d.api.pull(cursor, MAX_PULL_LIMIT);
  for (;;) {
    const res = await answer;
    const next = res.hasMore && res.cursor > cursor ? d.api.pull(res.cursor, MAX_PULL_LIMIT) : undefined;
    next?.catch(() => {}); // awaited below, unless writing this page fails first
    if (next) await sendingNow();
    const { malformed, unknownAt } = applyPulledChunk(d.store, res);
    if (malformed) d.log('pull: malformed changes skipped', { malformed, cursor });
    if (unknownAt !== null) {
      // Pulling on would only fetch the same page again: the kiosk needs an update.
      d.log('pull: stopped at a change of a kind this kiosk does not know; update the kiosk', { seq: unknownAt });
      return applied;
    }
    applied += res.changes.length;
    if (!next) return applied;
    cursor = res.cursor;
    answer = next;
  }
}

/**
 * The lease round (core/leases.ts has the policy): this PC says what it has used of each lease,
 * unsent activations included, and takes back the leases the server rebalanced. A lease the answer
 * leaves out is spent or returned, unless a local activation from it is still on its way.
 */
export async function exchangeLeases(d: SyncDeps): Promise<void> {
  const held = d.store.all(d.store.q.selectFrom('leases').select(['id', 'used'])).map((l) => ({ ...l }));
  const res = await d.api.leases(held);
  d.store.tx(() => {
    const keep = new Set(res.leases.map((l) => l.id));
    for (const l of held) {
      if (keep.has(l.id)) continue;
      const unsent = d.store.first(d.store.q.selectFrom('outbox').select('seq').where('lease_id', '=', l.id).limit(1));
      if (!unsent) d.store.run(d.store.q.deleteFrom('leases').where('id', '=', l.id));
    }
    for (const lease of res.leases) applyChange(d.store, { entity: 'lease', data: lease, seq: 0 });
  });
}

/** True while a student of this school waits at the server for a place: every round helps then. */
function someoneWaits(store: KioskStore): boolean {
  return !!store.first(store.q.selectFrom('activations').select('id').where('status', '=', 'waiting').limit(1));
}

export async function refreshContent(d: SyncDeps): Promise<void> {
  const pack = await d.api.content();
  const current = getMeta(d.store, 'content');
  if (!current || current.id !== pack.id || current.version !== pack.version) setMeta(d.store, 'content', pack);
}

/** How often an online PC takes part in the lease round when nobody waits for a place. */
export const LEASE_ROUND_MS = 20_000;
const CONTENT_REFRESH_MS = 3_600_000;

/**
 * After a pull: the lease round every 20 s, or at every round while a student waits for a place
 * (the server nudges the school then, and each PC's round may free one); the content pack hourly
 * or when missing.
 */
export async function upkeep(d: SyncDeps, memo: { leasesAt: number; contentAt: number }): Promise<void> {
  const now = d.clock.deviceTime();
  const hasCodes = !!d.store.first(d.store.q.selectFrom('codes').select('code').limit(1));
  if (hasCodes && (now - memo.leasesAt >= LEASE_ROUND_MS || someoneWaits(d.store))) {
    await exchangeLeases(d);
    memo.leasesAt = now;
  }
  if (!getMeta(d.store, 'content') || now - memo.contentAt > CONTENT_REFRESH_MS) {
    await refreshContent(d);
    memo.contentAt = now;
  }
}
