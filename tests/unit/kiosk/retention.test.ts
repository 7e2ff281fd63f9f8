/**
 * Retention on a classroom PC (core/privacy/retention.ts), with no server: the campaign's settings
 * it pulled say how long its students are kept after the campaign's end; through the last day
 * nothing goes, from the next day every student of that campaign goes, bytes included.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../core/calendar.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { campaignEnd, isPastRetention, keptUntil } from '../../../core/privacy/retention.ts';
import { forgetPastRetention } from '../../../electron/host/store/erase-participants.ts';
import { getMeta, setMeta } from '../../../electron/host/store/meta.ts';
import { applyPulledChunk } from '../../../electron/host/store/pull-apply.ts';
import { openKioskStore, STORE_FILE, type KioskStore } from '../../../electron/host/store/open.ts';
import { openSettings } from '../../support/factories.ts';
import { tempDir } from '../../support/kiosk/core.ts';
import { seedKioskStore } from '../../support/kiosk/seed-store.ts';

const noon = (day: string) => Date.parse(`${day}T12:00:00+03:00`);

describe('the retention rule', () => {
  const s = { ...openSettings(new Date('2026-11-20T09:00:00Z')), retentionDays: 30 };

  it('counts from the campaign’s last dated day, and keeps through the last day of keeping', () => {
    expect(campaignEnd(s)).toBe('2026-12-20'); // the regions' periods end 30 days after «today»
    expect(keptUntil(s)).toBe('2027-01-19');
    expect(isPastRetention(s, new Date(noon('2027-01-19')))).toBe(false);
    // Moscow's midnight, not UTC's: 21:00 UTC on the 19th is already the 20th there.
    expect(isPastRetention(s, new Date('2027-01-19T20:59:59Z'))).toBe(false);
    expect(isPastRetention(s, new Date('2027-01-19T21:00:00Z'))).toBe(true);
  });

  it('keeps everything while the organizer has set no retention', () => {
    const { retentionDays: _none, ...unset } = s;
    expect(keptUntil(unset)).toBeNull();
    expect(isPastRetention(unset, new Date(noon('2099-01-01')))).toBe(false);
  });
});

describe('retention on a kiosk', () => {
  let store: KioskStore | undefined;
  afterEach(() => store?.close());

  it('erases this campaign’s students and their bytes the day after keeping ends, offline', async () => {
    const dataDir = tempDir('kiosk-retention-');
    const { emails } = await seedKioskStore(dataDir, { participants: 3, serverUrl: 'http://127.0.0.1:9' });
    store = await openKioskStore(dataDir);
    const campaign = getMeta(store, 'campaign')!;
    setMeta(store, 'campaign', { ...campaign, settings: { ...campaign.settings, retentionDays: 10 } });
    const lastDay = addDays(campaignEnd(campaign.settings), 10);

    expect(forgetPastRetention(store, noon(lastDay))).toBe(0);
    expect(store.all(store.q.selectFrom('participants').select('id'))).toHaveLength(3);

    expect(forgetPastRetention(store, noon(addDays(lastDay, 1)))).toBe(3);
    for (const table of ['participants', 'answers', 'completions', 'activations'] as const) {
      expect(store.all(store.q.selectFrom(table).selectAll()), table).toEqual([]);
    }
    const bytes = Buffer.concat(
      [STORE_FILE, `${STORE_FILE}-wal`]
        .map((f) => join(dataDir, f))
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f)),
    );
    for (const email of emails) expect(bytes.includes(Buffer.from(email))).toBe(false);
    // The campaign and the content stay: the PC still serves the next students.
    expect(getMeta(store, 'campaign')?.id).toBe(campaign.id);
  });

  it('erases an earlier campaign’s students by the date it had, once the server moved on to a new campaign', async () => {
    const dataDir = tempDir('kiosk-retention-past-');
    const { emails } = await seedKioskStore(dataDir, { participants: 3, serverUrl: 'http://127.0.0.1:9' });
    store = await openKioskStore(dataDir);
    const earlier = getMeta(store, 'campaign')!;
    setMeta(store, 'campaign', { ...earlier, settings: { ...earlier.settings, retentionDays: 10 } });
    const lastDay = addDays(campaignEnd(earlier.settings), 10);
    // The next year's campaign arrives with a pull; it sets no retention, and one student of the
    // earlier campaign's three has registered again in it (their row now names the new campaign).
    const next = { ...earlier, id: uuidv7(), year: 2027, settings: openSettings(new Date(noon(lastDay))) };
    applyPulledChunk(store, { changes: [], cursor: 0, campaign: next });
    expect(getMeta(store, 'pastCampaigns')).toEqual({ [earlier.id]: lastDay });
    const [stays] = store.all(store.q.selectFrom('participants').select('id'));
    store.sqlite
      .prepare("UPDATE participants SET data = json_set(data, '$.campaignId', ?) WHERE id = ?")
      .run(next.id, stays!.id);

    expect(forgetPastRetention(store, noon(lastDay))).toBe(0);
    expect(forgetPastRetention(store, noon(addDays(lastDay, 1)))).toBe(2);
    expect(store.all(store.q.selectFrom('participants').select('id'))).toEqual([{ id: stays!.id }]);
    const bytes = readFileSync(join(dataDir, STORE_FILE));
    expect(emails.filter((e) => bytes.includes(Buffer.from(e)))).toHaveLength(1);
    // Another pull of the same campaign changes nothing of what is remembered.
    applyPulledChunk(store, { changes: [], cursor: 0, campaign: next });
    expect(getMeta(store, 'pastCampaigns')).toEqual({ [earlier.id]: lastDay });
  });

  it('keeps a campaign synced again by its own settings, not by the date it was left with', async () => {
    const dataDir = tempDir('kiosk-retention-back-');
    await seedKioskStore(dataDir, { participants: 2, serverUrl: 'http://127.0.0.1:9' });
    store = await openKioskStore(dataDir);
    const first = getMeta(store, 'campaign')!;
    setMeta(store, 'campaign', { ...first, settings: { ...first.settings, retentionDays: 10 } });
    const lastDay = addDays(campaignEnd(first.settings), 10);
    const other = { ...first, id: uuidv7(), settings: openSettings(new Date(noon(lastDay))) };
    applyPulledChunk(store, { changes: [], cursor: 0, campaign: other });
    // The server points the PC back at the first campaign, which now keeps its data for good.
    const { retentionDays: _dropped, ...kept } = first.settings;
    applyPulledChunk(store, { changes: [], cursor: 0, campaign: { ...first, settings: kept } });
    expect(getMeta(store, 'pastCampaigns')).not.toHaveProperty(first.id);
    expect(forgetPastRetention(store, noon(addDays(lastDay, 1)))).toBe(0);
    expect(store.all(store.q.selectFrom('participants').select('id'))).toHaveLength(2);
  });
});
