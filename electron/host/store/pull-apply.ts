/**
 * Applies pulled changes. The cursor commits in the same transaction as its chunk, so a crash
 * between the two can neither skip changes nor apply them twice in a harmful way (upserts).
 * A change to a row that still has unsent local mutations is deferred, not applied: it is
 * released once the outbox for that row is acknowledged (and the server's own later change,
 * if any, supersedes it).
 */
import type { z } from 'zod';
import type { Campaign } from '../../../core/campaign.ts';
import type { Change, ChangeEntity } from '../../../core/contracts/sync.ts';
import { changeSchemas } from '../../../core/contracts/sync-rows.ts';
import { applyMerge } from './merge-apply.ts';
import { eraseParticipantsHere, rememberPastCampaign, wipeErasedBytes } from './erase-participants.ts';
import { getMeta, setMeta } from './meta.ts';
import type { KioskStore } from './open.ts';
import { Prepared } from './prepared.ts';
import { rowKey } from './row-keys.ts';
import { putActivationRow, putAnswer, putCertificate, putCompletion, putParticipant } from './writes.ts';

type Parsed = { [E in ChangeEntity]: { entity: E; data: z.infer<(typeof changeSchemas)[E]> } }[ChangeEntity];

function parseChange(c: Pick<Change, 'entity' | 'data'>): Parsed | undefined {
  const r = changeSchemas[c.entity].safeParse(c.data);
  return r.success ? ({ entity: c.entity, data: r.data } as Parsed) : undefined;
}

/**
 * A change as pulled, checked once: the envelope's fields here (Change's: a whole number, an
 * entity this kiosk knows), the data by its entity's schema. Undefined when it is malformed.
 */
function parsePulled(c: unknown): { seq: number; parsed: Parsed } | { unknownAt: number } | undefined {
  if (typeof c !== 'object' || c === null) return undefined;
  const { seq, entity, data } = c as { seq?: unknown; entity?: unknown; data?: unknown };
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) return undefined;
  if (typeof entity !== 'string') return undefined;
  if (!Object.hasOwn(changeSchemas, entity)) return { unknownAt: seq };
  const parsed = parseChange({ entity: entity as ChangeEntity, data });
  return parsed && { seq, parsed };
}

function keyOf(p: Parsed): string {
  switch (p.entity) {
    case 'participant':
      return rowKey.participant(p.data.id);
    case 'activation':
      return rowKey.activation(p.data.participantId);
    case 'answer':
      return rowKey.answer(p.data.participantId, p.data.step, p.data.itemId);
    case 'completion':
      return rowKey.completion(p.data.participantId, p.data.step);
    case 'code':
      return `code:${p.data.code}`;
    case 'lease':
      return rowKey.lease(p.data.id);
    case 'certificate':
      return rowKey.certificate(p.data.participantId);
    case 'merge':
      return `merge:${p.data.retiredId}`;
    case 'erasure':
      return `erasure:${p.data.participantId}`;
  }
}

const unsentForRow = new Prepared(1, (q, key: string) =>
  q.selectFrom('outbox').select('seq').where('row_key', '=', key).limit(1),
);
const unsentForLease = new Prepared(1, (q, leaseId: string) =>
  q.selectFrom('outbox').select('seq').where('lease_id', '=', leaseId).limit(1),
);
const anyUnsent = new Prepared(0, (q) => q.selectFrom('outbox').select('seq').limit(1));

function isDirty(store: KioskStore, p: Parsed, key: string): boolean {
  const row = p.entity === 'lease' ? unsentForLease.first(store, p.data.id) : unsentForRow.first(store, key);
  return row !== undefined;
}

function write(store: KioskStore, p: Parsed): void {
  switch (p.entity) {
    case 'participant':
      return putParticipant(store, p.data);
    case 'activation':
      return putActivationRow(store, p.data);
    case 'answer':
      return putAnswer(store, p.data);
    case 'completion':
      return putCompletion(store, p.data);
    case 'code': {
      const { code, tariffId, capacity, campaignId } = p.data;
      const values = { code, tariff_id: tariffId, capacity, campaign_id: campaignId };
      store.run(
        store.q
          .insertInto('codes')
          .values(values)
          .onConflict((oc) => oc.column('code').doUpdateSet(values)),
      );
      return;
    }
    case 'lease': {
      const { id, code, slots, used, expiresAt } = p.data;
      const values = { id, code, slots, used, expires_at: expiresAt };
      store.run(
        store.q
          .insertInto('leases')
          .values(values)
          .onConflict((oc) => oc.column('id').doUpdateSet(values)),
      );
      return;
    }
    case 'certificate':
      return putCertificate(store, p.data);
    case 'merge':
      return applyMerge(store, p.data);
    case 'erasure':
      return eraseParticipantsHere(store, [p.data.participantId]);
  }
}

/**
 * Applies one change unless its row is dirty; returns false when the data was malformed.
 * `outboxEmpty` says the caller knows no row is dirty (checked once for a whole chunk).
 */
export function applyChange(
  store: KioskStore,
  change: Pick<Change, 'entity' | 'data' | 'seq'>,
  outboxEmpty = false,
): boolean {
  const p = parseChange(change);
  if (!p) return false;
  applyParsed(store, p, change.seq, outboxEmpty);
  return true;
}

function applyParsed(store: KioskStore, p: Parsed, seq: number, outboxEmpty: boolean): void {
  // Never held back: the person's unsent changes go with them (the server refuses them anyway).
  if (p.entity === 'erasure') return write(store, p);
  const key = keyOf(p);
  // A merge is never held back: the retired registration's unsent work goes to the kept one.
  if (outboxEmpty || p.entity === 'merge' || !isDirty(store, p, key)) return write(store, p);
  const data = JSON.stringify(p.data);
  store.run(
    store.q
      .insertInto('deferred_changes')
      .values({ row_key: key, seq, entity: p.entity, data })
      .onConflict((oc) =>
        oc.column('row_key').doUpdateSet({ seq, entity: p.entity, data }).where('deferred_changes.seq', '<', seq),
      ),
  );
}

export interface PulledChunk {
  /** As pulled: each is checked as it is applied (parsePulled). */
  changes: unknown[];
  cursor: number;
  campaign: Campaign;
}

/**
 * One pulled chunk and its cursor, atomically. Returns how many changes were malformed. A chunk
 * that erased someone wipes the journal after its commit, so their bytes leave the WAL too.
 */
/**
 * Applies a pulled page and moves the cursor past it. A change of a kind this kiosk does not know
 * (a newer server's) stops the page there: the cursor stays before it, so nothing is skipped for
 * good and an updated kiosk applies it; `unknownAt` says where, and the pull goes no further.
 */
export function applyPulledChunk(
  store: KioskStore,
  chunk: PulledChunk,
): { malformed: number; unknownAt: number | null } {
  const out = applyChunk(store, chunk);
  if (out.erased) wipeErasedBytes(store);
  return { malformed: out.malformed, unknownAt: out.unknownAt };
}

function applyChunk(
  store: KioskStore,
  chunk: PulledChunk,
): { malformed: number; erased: boolean; unknownAt: number | null } {
  // Unsynced: a chunk a power cut takes back goes with its cursor, and is simply pulled again.
  return store.txUnsynced(() => {
    let malformed = 0;
    let erased = false;
    let unknownAt: number | null = null;
    // Changes come in seq order, each school's numbered without gaps: the cursor before a change
    // is the seq of the one before it.
    let before = getMeta(store, 'cursor') ?? 0;
    // A fresh PC, or one whose push just emptied the outbox, has no dirty row at all: one look
    // for the whole chunk instead of one per change.
    const outboxEmpty = anyUnsent.first(store) === undefined;
    for (const c of chunk.changes) {
      const p = parsePulled(c);
      if (!p) malformed += 1;
      else if ('unknownAt' in p) {
        unknownAt = p.unknownAt;
        break;
      } else {
        applyParsed(store, p.parsed, p.seq, outboxEmpty);
        erased ||= p.parsed.entity === 'erasure';
        before = p.seq;
      }
    }
    setMeta(store, 'cursor', unknownAt === null ? chunk.cursor : before);
    // Every page carries the campaign (its consent text whole): read once, written when it changed.
    const campaign = getMeta(store, 'campaign');
    if (!campaign || JSON.stringify(campaign) !== JSON.stringify(chunk.campaign)) {
      rememberPastCampaign(store, campaign, chunk.campaign);
      setMeta(store, 'campaign', chunk.campaign);
    }
    return { malformed, erased, unknownAt };
  });
}

/** Applies held-back changes whose rows no longer have unsent mutations. */
export function releaseDeferred(store: KioskStore): void {
  for (const d of store.all(store.q.selectFrom('deferred_changes').selectAll())) {
    const p = parseChange({ entity: d.entity as ChangeEntity, data: JSON.parse(d.data) });
    if (p && isDirty(store, p, d.row_key)) continue;
    if (p) write(store, p);
    store.run(store.q.deleteFrom('deferred_changes').where('row_key', '=', d.row_key));
  }
}
