/**
 * «Класс сейчас»: each student of the co-organizer's school, the PC they work at and whether it
 * still holds unsent changes, the step and question they are on, and who has gone quiet. The
 * school comes from the session only; the screen asks again on each socket `class` event.
 */
import { IDLE_AFTER_MS, type LiveClass, type LivePc, type LiveStudent } from '../../core/contracts/class-live.ts';
import type { School } from '../../core/contracts/api.ts';
import type { Step } from '../../core/content/schema.ts';
import { requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import { loadContentPack } from '../content/content.service.ts';
import type { ServerContext } from '../context.ts';
import { listDevices } from '../devices/devices.service.ts';
import { classOfSchool, signedInAtPcs, type ClassRow } from './class-live.repository.ts';

/**
 * A PC's word that a student is signed in at it holds while it keeps in touch: its rounds come at
 * least every half minute, and a kiosk signs an idle student out after ten minutes.
 */
const SIGNED_IN_TRUSTED_MS = 10 * 60_000;

export async function liveClass(ctx: ServerContext, school: School): Promise<LiveClass> {
  const campaign = await requireActiveCampaign(ctx.db);
  const { steps } = loadContentPack(ctx.config.contentPackFile);
  const [rows, devices, signedIn] = await Promise.all([
    classOfSchool(ctx.db, school.id, campaign.id, steps.length),
    listDevices(ctx, school.id),
    signedInAtPcs(ctx.db, school.id),
  ]);
  // Only this school's own PCs are named: another school's PC is not ours to describe.
  const pcs = new Map<string, LivePc>(
    devices.map((d) => [d.id, { id: d.id, name: d.name, unsent: d.pending ?? 0, lastContactAt: d.lastSeenAt }]),
  );
  const now = ctx.now();
  // The PC a student is signed in at now; the one they entered their code at otherwise.
  const at = new Map<string, { deviceId: string; seen: number }>();
  for (const pc of signedIn) {
    const seen = pc.lastSeenAt ?? 0;
    if (now - seen > SIGNED_IN_TRUSTED_MS) continue;
    for (const p of pc.participants) if ((at.get(p)?.seen ?? -1) < seen) at.set(p, { deviceId: pc.deviceId, seen });
  }
  const pcOf = (r: ClassRow) => {
    const id = at.get(r.participantId)?.deviceId ?? r.activationDeviceId;
    return (id && pcs.get(id)) || null;
  };
  return {
    students: rows.map((r) => student(r, school.id, steps, pcOf(r), now)),
    stepCount: steps.length,
    idleAfterMs: IDLE_AFTER_MS,
    serverTime: now,
  };
}

function student(r: ClassRow, schoolId: string, steps: readonly Step[], pc: LivePc | null, now: number): LiveStudent {
  const stepsDone = Math.min(r.stepsDone, steps.length);
  const finished = stepsDone >= steps.length;
  // Steps are completed in order (core/mutations/step-rules.ts): the one after the last done is current.
  const step = finished ? null : stepsDone + 1;
  const items = step ? steps[step - 1]!.items : [];
  const at = r.lastAnswerStep === step ? items.findIndex((i) => i.id === r.lastAnswerItem) : -1;
  const lastActivityAt = Math.max(r.registeredAt, r.activatedAt ?? 0, r.lastAnsweredAt ?? 0, r.lastCompletedAt ?? 0);
  return {
    participantId: r.participantId,
    fullName: `${r.surname} ${r.name}`,
    schoolClass: r.schoolClass,
    fromElsewhere: r.homeSchoolId === schoolId ? null : r.schoolName,
    pc,
    stepsDone,
    step,
    question: at >= 0 ? at + 1 : null,
    questionCount: step ? items.length : null,
    finished,
    lastActivityAt,
    idle: !finished && now - lastActivityAt >= IDLE_AFTER_MS,
  };
}
