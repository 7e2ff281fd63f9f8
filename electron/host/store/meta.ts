/**
 * Small typed settings of the kiosk, kept as JSON in the `meta` table so they commit in the same
 * transactions as the rows they belong to (the pull cursor with its chunk, above all).
 */
import { z } from 'zod';
import { IsoDate } from '../../../core/calendar.ts';
import { Campaign } from '../../../core/campaign.ts';
import { ContentPack } from '../../../core/content/schema.ts';
import type { KioskStore } from './open.ts';

export const SchoolInfo = z.object({ id: z.string(), region: z.string(), locality: z.string(), name: z.string() });
export type SchoolInfo = z.infer<typeof SchoolInfo>;

export const Enrollment = z.object({
  deviceId: z.string(),
  credential: z.string(),
  schoolId: z.string(),
  serverUrl: z.string(),
  /** The address certificates' QR codes print, as the server gave it at enrolment (never loopback). */
  certificateUrl: z.string().optional(),
  deviceName: z.string(),
  school: SchoolInfo.nullable(),
  enrolledAt: z.number(),
});
export type Enrollment = z.infer<typeof Enrollment>;

const metaSchemas = {
  enrollment: Enrollment,
  /** Set when the server refused the credential (DEVICE_REVOKED, DEVICE_UNKNOWN): re-enrol. */
  lost: z.object({ code: z.string(), message: z.string() }),
  cursor: z.number().int(),
  clockOffsetMs: z.number(),
  campaign: Campaign,
  /**
   * Campaigns this PC synced before the current one: id -> the last day their students' data is
   * kept (keptUntil, null: no retention set when the PC last saw it), so retention still reaches
   * their rows once the server has moved on to a new campaign.
   */
  pastCampaigns: z.record(z.string(), IsoDate.nullable()),
  content: ContentPack,
  lastSyncAt: z.number(),
  /** Registrations merged by the co-organizer: retired id -> kept id (a signed-in student follows). */
  merged: z.record(z.string(), z.string()),
} as const;

export type MetaKey = keyof typeof metaSchemas;
export type MetaValue<K extends MetaKey> = z.infer<(typeof metaSchemas)[K]>;

// Parsed values are cached per store: the content pack is large and read on every screen.
const caches = new WeakMap<KioskStore, Map<MetaKey, unknown>>();

function cacheOf(store: KioskStore): Map<MetaKey, unknown> {
  let c = caches.get(store);
  if (!c) caches.set(store, (c = new Map()));
  return c;
}

export function getMeta<K extends MetaKey>(store: KioskStore, key: K): MetaValue<K> | undefined {
  const cache = cacheOf(store);
  if (cache.has(key)) return cache.get(key) as MetaValue<K> | undefined;
  const row = store.first(store.q.selectFrom('meta').select('value').where('key', '=', key));
  const parsed = row ? metaSchemas[key].safeParse(JSON.parse(row.value)) : undefined;
  const value = parsed?.success ? (parsed.data as MetaValue<K>) : undefined;
  cache.set(key, value);
  return value;
}

export function setMeta<K extends MetaKey>(store: KioskStore, key: K, value: MetaValue<K>): void {
  const text = JSON.stringify(value);
  store.run(
    store.q
      .insertInto('meta')
      .values({ key, value: text })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text })),
  );
  // A rolled-back transaction would leave a stale cache, so drop it rather than fill it.
  cacheOf(store).delete(key);
}

export function deleteMeta(store: KioskStore, key: MetaKey): void {
  store.run(store.q.deleteFrom('meta').where('key', '=', key));
  cacheOf(store).delete(key);
}
