/**
 * The participant's result, the result PDF and «Скачать сертификат участника», made on the kiosk
 * so a class gets them even while the school is offline. Both wait for a confirmed (or leased)
 * activation: an activation still pending may yet be refused by the server.
 */
import { regionTimeZone } from '../../../core/campaign.ts';
import { localDay } from '../../../core/calendar.ts';
import type { ResultView } from '../../../core/contracts/kiosk.ts';
import { generateCertificateSerial } from '../../../core/documents/serial.ts';
import { reject } from '../../../core/errors.ts';
import type { CertificateRow, ParticipantRow } from '../../../core/mutations/rows.ts';
import { loadFonts } from '../../../core/node/fonts.ts';
import { scoreParticipant, type ScoringResult } from '../../../core/scoring/index.ts';
import type { Handler, HostContext } from '../context.ts';
import { KioskFault } from '../errors.ts';
import { applyLocal } from '../store/apply-local.ts';
import { activationOf, completionsOf } from '../store/rows.ts';
import { localContext, requireParticipant, requireReady, type Ready } from './guards.ts';

/** The scored result, or the Russian reason it is not available yet. */
function scored(host: HostContext, ready: Ready, p: ParticipantRow): ScoringResult | string {
  const completions = completionsOf(host.store, p.id);
  if (completions.length < ready.content.steps.length) return reject('STEPS_NOT_DONE').message;
  const status = activationOf(host.store, p.id)?.status;
  if (status === 'waiting') return reject('ACTIVATION_WAITING').message;
  if (status === 'refused') return reject('ACTIVATION_FULL').message;
  if (status !== 'confirmed' && status !== 'leased') return reject('ACTIVATION_NOT_CONFIRMED').message;
  return scoreParticipant(ready.content, Object.fromEntries(completions.map((c) => [c.step, c.answers])));
}

function view(r: ScoringResult): ResultView {
  return {
    summary: r.summary,
    advisory: r.advisory,
    profile: r.profile.map((d) => ({
      domain: d.domain,
      title: d.title,
      percent: d.percent,
      band: d.band,
      bandTitle: d.bandTitle,
      interpretation: d.interpretation,
    })),
    recommendations: r.recommendations.map((x) => ({
      domain: x.domain,
      title: x.title,
      fields: x.fields.map((f) => ({ title: f.title, professions: [...f.professions] })),
    })),
    shortlist: r.shortlist,
    nextSteps: r.nextSteps,
  };
}

export const result: Handler<'result'> = (_input, call, host) => {
  const ready = requireReady(host);
  const r = scored(host, ready, requireParticipant(host, call));
  return typeof r === 'string' ? { result: null, waiting: r } : { result: view(r), waiting: null };
};

/** The certificate that stands here: the pulled one, else one issued now (a mutation like any other). */
function certificateOf(host: HostContext, ready: Ready, p: ParticipantRow): CertificateRow {
  const q = host.store.q.selectFrom('certificates').select('data').where('participant_id', '=', p.id);
  const have = host.store.first(q);
  if (have) return JSON.parse(have.data) as CertificateRow;
  const args = { participantId: p.id, serial: generateCertificateSerial(ready.campaign.year) };
  const out = applyLocal(host.store, { name: 'certificate.issue', args }, localContext(host, ready));
  if (out.status !== 'accepted') {
    const d = out.decision;
    throw d.status === 'rejected' ? KioskFault.rejected(d) : KioskFault.of(500, 'INTERNAL');
  }
  host.engine.kick();
  return JSON.parse(host.store.first(q)!.data) as CertificateRow;
}

/** jsPDF, QR codes and fonts load with the first document asked for, not at the kiosk's start. */
async function pdfModules() {
  const [docs, fonts] = await Promise.all([
    import('../../../core/documents/index.ts'),
    import('../../../core/documents/fonts.ts'),
  ]);
  return { ...docs, bytesToBase64: fonts.bytesToBase64 };
}

export const document: Handler<'document'> = async (input, call, host) => {
  const { renderParticipantCertificatePdf, renderResultPdf, bytesToBase64 } = await pdfModules();
  const ready = requireReady(host);
  const p = requireParticipant(host, call);
  const r = scored(host, ready, p);
  if (typeof r === 'string') throw new KioskFault(409, 'NOT_YET', r);
  const day = (t: number) => localDay(new Date(t), regionTimeZone(p.region));
  const fullName = `${p.surname} ${p.name}`;
  if (input.kind === 'result') {
    const bytes = renderResultPdf(
      {
        fullName,
        schoolName: p.schoolName,
        schoolClass: p.schoolClass,
        campaignTitle: ready.campaign.title,
        date: day(host.clock.now()),
        result: r,
      },
      loadFonts(),
    );
    return { fileName: `Результат — ${fullName}.pdf`, base64: bytesToBase64(bytes) };
  }
  const c = certificateOf(host, ready, p);
  const bytes = renderParticipantCertificatePdf(
    {
      fullName: c.name,
      schoolName: c.schoolName,
      region: p.region,
      gender: p.gender,
      campaignTitle: ready.campaign.title,
      date: day(c.issuedAt),
      serial: c.serial,
      // The server's word at enrolment: a kiosk on the server's own computer was given 127.0.0.1.
      baseUrl: ready.enrollment.certificateUrl ?? ready.enrollment.serverUrl,
    },
    loadFonts(),
  );
  return { fileName: `Сертификат участника — ${c.serial}.pdf`, base64: bytesToBase64(bytes) };
};
