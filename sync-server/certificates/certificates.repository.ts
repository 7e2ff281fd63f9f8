/** The certificates table: one row per subject, kind and campaign; the serial is the key. */
import type { CertificateKind } from '../../core/contracts/results.ts';
import type { ServerContext } from '../context.ts';
import type { CertificatesTable } from '../db/schema.ts';

export type CertificateRow = Omit<CertificatesTable, 'erased_at'> & { erased_at?: number | null };

export async function findCertificate(
  ctx: ServerContext,
  kind: CertificateKind,
  subjectId: string,
  campaignId: string,
): Promise<CertificateRow | undefined> {
  return ctx.db
    .selectFrom('certificates')
    .selectAll()
    .where('kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
}

export async function findBySerial(ctx: ServerContext, serial: string): Promise<CertificateRow | undefined> {
  return ctx.db.selectFrom('certificates').selectAll().where('serial', '=', serial).executeTakeFirst();
}

export async function insertCertificate(ctx: ServerContext, row: CertificateRow): Promise<void> {
  await ctx.db.insertInto('certificates').values(row).execute();
}

/** A unique or primary-key violation on SQLite or PostgreSQL: a serial clash or a concurrent issue. */
export function isDuplicate(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
