/** The published versions of a campaign's consent document: inserted once, never updated. */
import type { Kysely } from 'kysely';
import type { PublishedConsent } from '../../core/contracts/organizer.ts';
import type { CentralDB } from '../db/schema.ts';

export async function findConsentVersion(
  db: Kysely<CentralDB>,
  campaignId: string,
  version: string,
): Promise<PublishedConsent | undefined> {
  const r = await db
    .selectFrom('consent_versions')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('version', '=', version)
    .executeTakeFirst();
  return r ? fromDb(r) : undefined;
}

export async function insertConsentVersion(
  db: Kysely<CentralDB>,
  campaignId: string,
  doc: PublishedConsent,
  publishedBy: string | null,
): Promise<void> {
  await db
    .insertInto('consent_versions')
    .values({
      campaign_id: campaignId,
      version: doc.version,
      title: doc.title,
      text: doc.text,
      effective_from: doc.effectiveFrom,
      published_at: doc.publishedAt,
      published_by: publishedBy,
    })
    .execute();
}

/** Newest first. */
export async function listConsentVersions(db: Kysely<CentralDB>, campaignId: string): Promise<PublishedConsent[]> {
  const rows = await db
    .selectFrom('consent_versions')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('published_at', 'desc')
    // Two saves within one millisecond (or a test's fixed clock): the later name first.
    .orderBy('version', 'desc')
    .execute();
  return rows.map(fromDb);
}

function fromDb(r: {
  version: string;
  title: string;
  text: string;
  effective_from: string;
  published_at: number;
}): PublishedConsent {
  return {
    version: r.version,
    title: r.title,
    text: r.text,
    effectiveFrom: r.effective_from,
    publishedAt: r.published_at,
  };
}
