/**
 * Issuing a certificate: the first request stores a fresh serial with the name and school as
 * printed; every later request for the same subject returns that same row, so a re-download
 * prints the same serial and the verification page keeps confirming it.
 */
import type { Campaign } from '../../core/campaign.ts';
import type { CertificateKind } from '../../core/contracts/results.ts';
import { generateCertificateSerial } from '../../core/documents/serial.ts';
import type { ServerContext } from '../context.ts';
import { findCertificate, insertCertificate, isDuplicate, type CertificateRow } from './certificates.repository.ts';

export interface IssueInput {
  kind: CertificateKind;
  subjectId: string;
  campaign: Campaign;
  name: string;
  schoolName: string;
}

export interface IssueOptions {
  /** Serial maker; tests inject one that collides to prove the retry. */
  generate?: (year: number) => string;
  maxAttempts?: number;
}

export async function issueCertificate(
  ctx: ServerContext,
  input: IssueInput,
  opts: IssueOptions = {},
): Promise<CertificateRow> {
  const { generate = generateCertificateSerial, maxAttempts = 5 } = opts;
  const { kind, subjectId, campaign } = input;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const existing = await findCertificate(ctx, kind, subjectId, campaign.id);
    if (existing) return existing;
    const row: CertificateRow = {
      serial: generate(campaign.year),
      kind,
      subject_id: subjectId,
      campaign_id: campaign.id,
      name: input.name,
      school_name: input.schoolName,
      issued_at: ctx.now(),
    };
    try {
      await insertCertificate(ctx, row);
      ctx.log.info({ kind, serial: row.serial }, 'certificate issued');
      return row;
    } catch (err) {
      // Either another request issued this subject's certificate a moment ago (the next loop
      // returns it) or the serial clashed with another certificate's (the next loop draws again).
      if (!isDuplicate(err)) throw err;
    }
  }
  throw new Error(`could not issue a ${kind} certificate after ${maxAttempts} attempts`);
}
