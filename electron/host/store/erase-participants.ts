/**
 * The kiosk's part of erasing a participant (deletion on request or retention; the rule is
 * core/privacy/erasure.ts): every record of the person goes, their unsent changes included, and
 * the bytes with them. secure_delete = ON zeroes what the deletes free; but rows deleted earlier
 * under the store's FAST (the person's registration in the outbox, acknowledged long ago) may
 * still lie in free pages, so wipeErasedBytes() rebuilds the file (VACUUM) and empties the WAL.
 */
import { erasureFate, type ErasedRecord } from '../../../core/privacy/erasure.ts';
import type { Campaign } from '../../../core/campaign.ts';
import { isPastKeeping, isPastRetention, keptUntil } from '../../../core/privacy/retention.ts';
import { getMeta, setMeta } from './meta.ts';
import type { KioskStore } from './open.ts';
import type { KioskDB } from './schema.ts';

/** The kiosk's tables of each kind of record, keyed by the participant's id column. */
const TABLES: Partial<Record<ErasedRecord, { table: keyof KioskDB; column: 'id' | 'participant_id' }>> = {
  participant: { table: 'participants', column: 'id' },
  answer: { table: 'answers', column: 'participant_id' },
  completion: { table: 'completions', column: 'participant_id' },
  activation: { table: 'activations', column: 'participant_id' },
  certificate: { table: 'certificates', column: 'participant_id' },
  notice: { table: 'notices', column: 'participant_id' },
  unsent: { table: 'outbox', column: 'participant_id' },
};

/** Deletes the participants' records; run inside a transaction, then wipeJournal() after its commit. */
export function eraseParticipantsHere(store: KioskStore, ids: readonly string[]): void {
  if (ids.length === 0) return;
  store.sqlite.pragma('secure_delete = ON');
  try {
    for (const [record, t] of Object.entries(TABLES) as [ErasedRecord, (typeof TABLES)[ErasedRecord]][]) {
      if (!t || erasureFate('kiosk', record) !== 'delete') continue;
      store
        .statement(`DELETE FROM ${t.table} WHERE ${t.column} IN (SELECT value FROM json_each(?))`)
        .run(JSON.stringify(ids));
    }
    // Pulled changes held back for the person's rows (row-keys.ts: "kind:participantId[:…]").
    for (const id of ids) {
      store
        .statement("DELETE FROM deferred_changes WHERE row_key LIKE '%:' || ? OR row_key LIKE '%:' || ? || ':%'")
        .run(id, id);
    }
  } finally {
    store.sqlite.pragma('secure_delete = FAST');
  }
}

/**
 * After an erasure has committed: no byte of the person stays in the file or its WAL. A class's
 * store is a few megabytes, and erasures are rare, so the rebuild costs little.
 */
export function wipeErasedBytes(store: KioskStore): void {
  store.sqlite.exec('VACUUM');
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

/** Erases in a transaction of its own and wipes the bytes after it. */
export function eraseParticipantsNow(store: KioskStore, ids: readonly string[]): void {
  if (ids.length === 0) return;
  store.tx(() => eraseParticipantsHere(store, ids));
  wipeErasedBytes(store);
}

/**
 * Before the pulled campaign replaces the one this PC had: when it is another campaign, the old
 * one's last day of keeping is remembered, since its settings are gone with it and its students'
 * rows stay here until retention (or the server's erasure) reaches them. In the pull's transaction.
 */
export function rememberPastCampaign(store: KioskStore, current: Campaign | undefined, next: Campaign): void {
  if (!current || current.id === next.id) return;
  const past = { ...getMeta(store, 'pastCampaigns'), [current.id]: keptUntil(current.settings) };
  // A campaign synced again is kept by its own settings, not by the date it was left with.
  delete past[next.id];
  setMeta(store, 'pastCampaigns', past);
}

/**
 * Retention on this PC: once a campaign is past keeping (the one it syncs by its settings, an
 * earlier one by the date remembered when it was replaced; at server-corrected time), its
 * participants are erased here too, online or not. Returns how many.
 */
export function forgetPastRetention(store: KioskStore, now: number): number {
  const at = new Date(now);
  const campaign = getMeta(store, 'campaign');
  const past = Object.entries(getMeta(store, 'pastCampaigns') ?? {})
    .filter(([, last]) => isPastKeeping(last, at))
    .map(([id]) => id);
  if (campaign && isPastRetention(campaign.settings, at)) past.push(campaign.id);
  if (past.length === 0) return 0;
  const ids = store
    .statement(
      "SELECT id FROM participants WHERE json_extract(data, '$.campaignId') IN (SELECT value FROM json_each(?))",
    )
    .all(JSON.stringify(past)) as { id: string }[];
  eraseParticipantsNow(
    store,
    ids.map((r) => r.id),
  );
  return ids.length;
}
