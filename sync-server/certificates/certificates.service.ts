/**
 * «Скачать сертификат соорганизатора» (from the campaign's certificate date) and the participant's
 * certificate (once every step is done and the activation is confirmed), both with a stored serial
 * and a QR code of the public verification page.
 */
import { Campaign, isCoorganizerCertificateOpen, regionTimeZone } from '../../core/campaign.ts';
import { formatDayRu, localDay } from '../../core/calendar.ts';
import type { Me, School } from '../../core/contracts/api.ts';
import {
  renderCoorganizerCertificatePdf,
  renderParticipantCertificatePdf,
} from '../../core/documents/certificate-pdf.ts';
import { cabinetServerMessages as m } from '../../core/messages/cabinet-screens.ts';
import { loadFonts } from '../../core/node/fonts.ts';
import { WEB_SCHOOL_ID } from '../../core/web.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import type { PdfFile } from '../results/results.service.ts';
import { finishedCount } from '../results/results.repository.ts';
import type { CertificateRow } from './certificates.repository.ts';
import { issueCertificate } from './issue.ts';

const issuedDay = (row: CertificateRow, region: string) => localDay(new Date(row.issued_at), regionTimeZone(region));

/** The co-organizer's certificate; 403 before the campaign's certificate date, naming that date. */
export async function coorganizerCertificatePdf(
  ctx: ServerContext,
  me: Me,
  school: School,
  baseUrl: string,
): Promise<PdfFile> {
  const campaign = await requireActiveCampaign(ctx.db);
  const from = campaign.settings.certificateFrom;
  if (!isCoorganizerCertificateOpen(campaign.settings, new Date(ctx.now()), school.region)) {
    throw new HttpError(403, 'CERTIFICATE_NOT_YET', m.certificateNotYet(formatDayRu(from)));
  }
  // The certificate says how many students took part to the end; a school with none has none.
  const stepCount = loadContentPack(ctx.config.contentPackFile).steps.length;
  const finished = await finishedCount(ctx, school.id, campaign.id, stepCount);
  if (finished === 0) throw new HttpError(409, 'CERTIFICATE_NO_FINISHED', m.certificateNoneFinished);
  const row = await issueCertificate(ctx, {
    kind: 'coorganizer',
    subjectId: me.id,
    campaign,
    name: me.fullName,
    schoolName: school.name,
  });
  const bytes = renderCoorganizerCertificatePdf(
    {
      fullName: row.name,
      schoolName: row.school_name,
      region: school.region,
      campaignTitle: campaign.title,
      date: issuedDay(row, school.region),
      serial: row.serial,
      baseUrl,
      participants: finished,
    },
    loadFonts(),
  );
  return { bytes, fileName: m.certificateFileName(row.serial) };
}

async function participantRecord(ctx: ServerContext, participantId: string) {
  const p = await ctx.db
    .selectFrom('participants')
    .leftJoin('schools', 'schools.id', 'participants.school_id')
    .innerJoin('campaigns', 'campaigns.id', 'participants.campaign_id')
    .select([
      'participants.id',
      'participants.surname',
      'participants.name',
      'participants.region',
      'participants.gender',
      'participants.school_name as typedSchool',
      'participants.school_id as schoolId',
      'schools.name as schoolName',
      'campaigns.id as campaignId',
      'campaigns.year',
      'campaigns.title',
      'campaigns.settings',
    ])
    .where('participants.id', '=', participantId)
    .executeTakeFirst();
  if (!p) throw HttpError.of(404, 'NOT_FOUND');
  const campaign = Campaign.parse({ id: p.campaignId, year: p.year, title: p.title, settings: JSON.parse(p.settings) });
  return { ...p, campaign };
}

/**
 * The participant's certificate record (its serial above all), for the sync layer that serves a
 * student's own documents. 404 for an unknown id; 409 with a Russian reason until the activation
 * is confirmed and every step of the pack is done.
 */
export async function issueParticipantCertificate(ctx: ServerContext, participantId: string): Promise<CertificateRow> {
  const p = await participantRecord(ctx, participantId);
  const activation = await ctx.db
    .selectFrom('activations')
    .select('status')
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  if (activation?.status !== 'confirmed') throw new HttpError(409, 'CERTIFICATE_NOT_READY', m.activationNotConfirmed);
  const stepCount = loadContentPack(ctx.config.contentPackFile).steps.length;
  const done = await ctx.db
    .selectFrom('completions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('participant_id', '=', participantId)
    .where('step', '<=', stepCount)
    .executeTakeFirstOrThrow();
  if (Number(done.n) < stepCount) {
    throw new HttpError(409, 'CERTIFICATE_NOT_READY', m.participantNotDone(Number(done.n), stepCount));
  }
  return issueCertificate(ctx, {
    kind: 'participant',
    subjectId: participantId,
    campaign: p.campaign,
    name: `${p.surname} ${p.name}`,
    // A student from home has no school row of their own: their certificate names the school they typed.
    schoolName: p.schoolId === WEB_SCHOOL_ID ? p.typedSchool : (p.schoolName ?? p.typedSchool),
  });
}

/** «Скачать сертификат участника»: the PDF of the certificate above. */
export async function participantCertificatePdf(
  ctx: ServerContext,
  participantId: string,
  baseUrl: string,
): Promise<PdfFile> {
  const row = await issueParticipantCertificate(ctx, participantId);
  const p = await participantRecord(ctx, participantId);
  const gender = p.gender === 'female' || p.gender === 'male' ? p.gender : undefined;
  const bytes = renderParticipantCertificatePdf(
    {
      fullName: row.name,
      schoolName: row.school_name,
      region: p.region,
      gender,
      campaignTitle: p.campaign.title,
      date: issuedDay(row, p.region),
      serial: row.serial,
      baseUrl,
    },
    loadFonts(),
  );
  return { bytes, fileName: m.certificateFileName(row.serial) };
}
