/** The active campaign: its settings drive every date rule. */
import type { Kysely, Transaction } from 'kysely';
import { Campaign } from '../../core/campaign.ts';
import type { CentralDB } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';

export async function findActiveCampaign(db: Kysely<CentralDB>): Promise<Campaign | undefined> {
  const row = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('year', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return Campaign.parse({ id: row.id, year: row.year, title: row.title, settings: JSON.parse(row.settings) });
}

export async function requireActiveCampaign(db: Kysely<CentralDB>): Promise<Campaign> {
  const c = await findActiveCampaign(db);
  if (!c) throw new HttpError(409, 'NO_CAMPAIGN', 'Акция ещё не открыта организатором.');
  return c;
}

export async function saveCampaign(db: Kysely<CentralDB>, c: Campaign, now: number, active = true): Promise<void> {
  await db.transaction().execute((trx) => writeCampaign(trx, c, now, active));
}

/** saveCampaign inside the caller's transaction (with the consent version it publishes). */
export async function writeCampaign(
  trx: Transaction<CentralDB>,
  c: Campaign,
  now: number,
  active = true,
): Promise<void> {
  if (active) await trx.updateTable('campaigns').set({ active: 0 }).execute();
  await trx
    .insertInto('campaigns')
    .values({
      id: c.id,
      year: c.year,
      title: c.title,
      settings: JSON.stringify(c.settings),
      active: active ? 1 : 0,
      created_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ title: c.title, year: c.year, settings: JSON.stringify(c.settings), active: active ? 1 : 0 }),
    )
    .execute();
}

/** Every campaign, past ones included (the retention job erases what their settings say is past keeping). */
export async function allCampaigns(db: Kysely<CentralDB>): Promise<Campaign[]> {
  const rows = await db.selectFrom('campaigns').selectAll().orderBy('year').execute();
  return rows.map((row) =>
    Campaign.parse({ id: row.id, year: row.year, title: row.title, settings: JSON.parse(row.settings) }),
  );
}
