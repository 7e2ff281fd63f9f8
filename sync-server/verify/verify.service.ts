/**
 * The public check of a certificate's serial: genuine or not, and only what the certificate
 * itself prints (name, school, campaign, date of issue), never an e-mail or a class.
 */
import type { Verification } from '../../core/contracts/results.ts';
import { normalizeCertificateSerial } from '../../core/documents/serial.ts';
import type { ServerContext } from '../context.ts';

export async function verifySerial(ctx: ServerContext, input: string): Promise<Verification> {
  const serial = normalizeCertificateSerial(input);
  if (!serial) return { valid: false, serial: input.slice(0, 40) };
  const row = await ctx.db
    .selectFrom('certificates')
    .innerJoin('campaigns', 'campaigns.id', 'certificates.campaign_id')
    .select([
      'certificates.serial',
      'certificates.kind',
      'certificates.name',
      'certificates.school_name',
      'certificates.issued_at',
      'certificates.erased_at',
      'campaigns.title',
    ])
    .where('certificates.serial', '=', serial)
    .executeTakeFirst();
  if (!row) return { valid: false, serial };
  if (row.erased_at !== null) return { valid: false, serial, erased: true };
  return {
    valid: true,
    serial: row.serial,
    kind: row.kind,
    name: row.name,
    schoolName: row.school_name,
    campaignTitle: row.title,
    issuedAt: Number(row.issued_at),
  };
}
