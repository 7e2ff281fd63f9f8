/**
 * The participant's own result and documents on the web (instruction 3.1, 4.2): scored on the
 * server with the shared scoring from the completions it holds, once every step is done and the
 * activation is confirmed. «Скачать сертификат участника» is the server's certificate (one serial
 * per student), its QR code on the public address (certificates/base-url.ts), never a loopback one.
 */
import { regionTimeZone } from '../../core/campaign.ts';
import { localDay } from '../../core/calendar.ts';
import { ResultView } from '../../core/contracts/kiosk.ts';
import { renderResultPdf } from '../../core/documents/result-pdf.ts';
import { reject } from '../../core/errors.ts';
import { cabinetServerMessages } from '../../core/messages/cabinet-screens.ts';
import type { ParticipantRow } from '../../core/mutations/rows.ts';
import { loadFonts } from '../../core/node/fonts.ts';
import { scoreParticipant, type ScoringResult } from '../../core/scoring/index.ts';
import { publicBaseUrl } from '../certificates/base-url.ts';
import { participantCertificatePdf } from '../certificates/certificates.service.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { activeCampaign } from '../sync/campaign-cache.ts';
import { activationOf, completionsOf } from './participant.repository.ts';
import { requireParticipant, type WebHandler } from './web-call.ts';

/** The scored result, or the Russian reason it is not available yet. */
async function scored(ctx: ServerContext, p: ParticipantRow): Promise<ScoringResult | string> {
  const { pack } = await activeCampaign(ctx);
  const done = await completionsOf(ctx, p.id);
  if (pack.steps.some((s) => !done.has(s.number))) return reject('STEPS_NOT_DONE').message;
  if ((await activationOf(ctx, p.id))?.status !== 'confirmed') return reject('ACTIVATION_NOT_CONFIRMED').message;
  return scoreParticipant(pack, Object.fromEntries(done));
}

export const result: WebHandler<'result'> = async (_input, call, ctx) => {
  const r = await scored(ctx, await requireParticipant(ctx, call));
  return typeof r === 'string' ? { result: null, waiting: r } : { result: ResultView.parse(r), waiting: null };
};

export const document: WebHandler<'document'> = async (input, call, ctx) => {
  const p = await requireParticipant(ctx, call);
  const r = await scored(ctx, p);
  if (typeof r === 'string') throw new HttpError(409, 'NOT_YET', r);
  if (input.kind === 'certificate') {
    const pdf = await participantCertificatePdf(ctx, p.id, publicBaseUrl(ctx.config, call.req));
    return { fileName: pdf.fileName, base64: Buffer.from(pdf.bytes).toString('base64') };
  }
  const { campaign } = await activeCampaign(ctx);
  const fullName = `${p.surname} ${p.name}`;
  const bytes = renderResultPdf(
    {
      fullName,
      schoolName: p.schoolName,
      schoolClass: p.schoolClass,
      campaignTitle: campaign.title,
      date: localDay(new Date(ctx.now()), regionTimeZone(p.region)),
      result: r,
    },
    loadFonts(),
  );
  return { fileName: cabinetServerMessages.resultFileName(fullName), base64: Buffer.from(bytes).toString('base64') };
};
