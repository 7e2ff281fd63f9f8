/**
 * «Выгрузить данные»: everything the server holds about one participant (registration, consent,
 * code, answers, completed steps, result, certificates, schools where they signed in), as
 * core/privacy/export.ts labels it. Who may ask is the caller's check.
 */
import type { Response } from 'express';
import { ParentConsentWay } from '../../core/consent.ts';
import type { ParticipantData } from '../../core/contracts/privacy.ts';
import { cabinetServerMessages } from '../../core/messages/cabinet-screens.ts';
import { supportMessages } from '../../core/messages/dashboard.ts';
import { exportFileName, labelledExport } from '../../core/privacy/export.ts';
import { recordAudit, type Actor } from '../audit/audit.repository.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import { HttpError } from '../http/errors.ts';
import { studentOfSchool } from '../results/results.repository.ts';
import { scoreParticipant, type CompletedAnswers } from '../../core/scoring/index.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';
import { participantRecords } from './export.repository.ts';

/** The participant's data, or undefined when there is no such participant (any more). */
export async function participantData(ctx: ServerContext, id: string): Promise<ParticipantData | undefined> {
  const r = await participantRecords(ctx.db, id);
  if (!r) return undefined;
  const pack = loadContentPack(ctx.config.contentPackFile);
  const stepTitle = (n: number) => pack.steps.find((s) => s.number === n)?.title ?? '';
  const p = r.person;
  const completed: Record<number, CompletedAnswers[number]> = {};
  for (const c of r.completions) completed[c.step] = JSON.parse(c.answers) as CompletedAnswers[number];
  const scored = scoreParticipant(pack, completed);
  return {
    exportedAt: ctx.now(),
    campaign: { title: r.campaign?.title ?? '', year: r.campaign?.year ?? 0 },
    registration: {
      id: p.id,
      surname: p.surname,
      name: p.name,
      region: p.region,
      locality: p.locality,
      schoolName: p.school_name,
      schoolClass: p.school_class,
      gender: p.gender,
      email: p.email,
      registeredAt: Number(p.created_at),
    },
    consents: [{ version: p.consent_version, at: Number(p.consent_at) }],
    parentConsent:
      p.parent_consent_by && p.parent_consent_how
        ? {
            by: p.parent_consent_by,
            how: ParentConsentWay.parse(p.parent_consent_how),
            at: p.parent_consent_at === null ? null : Number(p.parent_consent_at),
            receivedAt: p.parent_consent_received_at === null ? null : Number(p.parent_consent_received_at),
          }
        : null,
    activation: r.activation
      ? { code: r.activation.code, status: r.activation.status, at: Number(r.activation.created_at) }
      : null,
    answers: [
      ...r.answers.map((a) => ({
        step: a.step,
        stepTitle: stepTitle(a.step),
        itemId: a.item_id,
        value: JSON.parse(a.value) as unknown,
        at: Number(a.updated_at),
      })),
      // A step completed in one go (a PC that sent it whole) carries its answers in the completion
      // alone: they are the person's answers too.
      ...r.completions.flatMap((c) =>
        Object.entries(completed[c.step] ?? {})
          .filter(([itemId]) => !r.answers.some((a) => a.step === c.step && a.item_id === itemId))
          .map(([itemId, value]) => ({
            step: c.step,
            stepTitle: stepTitle(c.step),
            itemId,
            value: value as unknown,
            at: Number(c.completed_at),
          })),
      ),
    ],
    completedSteps: r.completions.map((c) => ({
      step: c.step,
      stepTitle: stepTitle(c.step),
      at: Number(c.completed_at),
    })),
    result: scored.complete
      ? {
          summary: scored.summary,
          profile: scored.profile.map((d) => ({ title: d.title, percent: d.percent, band: d.bandTitle })),
        }
      : null,
    certificates: r.certificates.map((c) => ({ serial: c.serial, issuedAt: Number(c.issued_at) })),
    visitedSchools: r.visits.map((v) => ({ name: v.name, firstAt: Number(v.first_at) })),
  };
}

/** Technical support's «Выгрузить данные участника»: anyone, audited (the file names the person; the log does not). */
export async function exportByOrganizer(ctx: ServerContext, actor: Actor, id: string): Promise<ParticipantData> {
  const data = await participantData(ctx, id);
  if (!data) throw new HttpError(404, 'NOT_FOUND', supportMessages.participantNotFound);
  await recordAudit(ctx.db, ctx.now(), actor, 'participant.export', id, {});
  return data;
}

/** The co-organizer's export: only a student «Результаты» lists for their school, audited. */
export async function exportByCoorganizer(
  ctx: ServerContext,
  actor: Actor & { schoolId: string },
  id: string,
): Promise<ParticipantData> {
  const campaign = await requireActiveCampaign(ctx.db);
  const data = (await studentOfSchool(ctx, actor.schoolId, campaign.id, id)) && (await participantData(ctx, id));
  if (!data) throw new HttpError(404, 'NOT_FOUND', cabinetServerMessages.studentNotFound);
  await recordAudit(ctx.db, ctx.now(), { id: actor.id, email: actor.email }, 'participant.export', id, {
    schoolId: actor.schoolId,
    by: 'coorganizer',
  });
  return data;
}

/** Sends the labelled export as a JSON file download. */
export function sendExport(res: Response, data: ParticipantData): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  const name = exportFileName(data.exportedAt);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${name}`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(JSON.stringify(labelledExport(data), null, 2));
}
