/**
 * The participant's journey on the web: «Принять участие» with a code, then the steps, answer by
 * answer. Each change is a mutation through the server's push, against the central store; the
 * checks before it are the kiosk's own (core/content), run on what the server holds.
 */
import { isValidCode, normalizeCode } from '../../core/codes.ts';
import { answerRefusal, completionRefusal } from '../../core/mutations/step-rules.ts';
import { firstUnfinished } from '../../core/content/progress.ts';
import type { ContentPack } from '../../core/content/schema.ts';
import type { Progress } from '../../core/contracts/kiosk.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { ParticipantRow } from '../../core/mutations/rows.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { activeCampaign } from '../sync/campaign-cache.ts';
import { activationOf, answersOf, completionsOf } from './participant.repository.ts';
import { activationView, fault, pushOne, refused, requireParticipant, type WebHandler } from './web-call.ts';

export async function progressOf(ctx: ServerContext, p: ParticipantRow, pack: ContentPack): Promise<Progress> {
  const [byStep, done] = await Promise.all([answersOf(ctx, p.id), completionsOf(ctx, p.id)]);
  const completedSteps = [...done.keys()].sort((a, b) => a - b);
  const answers: Progress['answers'] = {};
  for (const [step, items] of Object.entries(byStep)) answers[step] = items;
  return { answers, completedSteps, resume: firstUnfinished(pack, byStep, completedSteps) };
}

/**
 * An activation that holds or awaits a place. A code that was full («refused») still lets the
 * student go on, as on a kiosk: a new tariff of the school confirms them by itself.
 */
const stands = (a: { status: string } | undefined): boolean => a !== undefined && a.status !== 'rejected';

/** The steps need an activation (a code waiting for a place is enough to start, as on a kiosk). */
async function requireActivation(ctx: ServerContext, p: ParticipantRow): Promise<void> {
  if (!stands(await activationOf(ctx, p.id))) throw fault(403, 'NOT_ACTIVATED');
}

export const progress: WebHandler<'progress'> = async (_input, call, ctx) => {
  const p = await requireParticipant(ctx, call);
  return progressOf(ctx, p, (await activeCampaign(ctx)).pack);
};

export const activate: WebHandler<'activate'> = async (input, call, ctx) => {
  const p = await requireParticipant(ctx, call);
  const code = normalizeCode(input.code);
  if (!isValidCode(code)) throw fault(422, 'CODE_FORMAT', { code: fault(422, 'CODE_FORMAT').message });
  const existing = await activationOf(ctx, p.id);
  if (existing && stands(existing) && existing.code === code) return { activation: activationView(existing) };
  const outcome = await pushOne(ctx, p.schoolId, {
    body: { name: 'code.activate', args: { activationId: uuidv7(ctx.now()), participantId: p.id, code } },
  });
  if (outcome.status === 'rejected' || outcome.status === 'conflict') {
    // A full school code leaves a «refused» activation the student may go on with; nothing else does.
    const left = await activationOf(ctx, p.id);
    if (left?.status === 'refused' && left.code === code) return { activation: activationView(left) };
    return { activation: { code, status: 'rejected', message: outcome.message } };
  }
  const stored = await activationOf(ctx, p.id);
  if (!stored) throw fault(500, 'INTERNAL');
  return { activation: activationView(stored) };
};

export const saveAnswer: WebHandler<'saveAnswer'> = async (input, call, ctx) => {
  const p = await requireParticipant(ctx, call);
  await requireActivation(ctx, p);
  const active = await activeCampaign(ctx);
  // The shared step rules (core/mutations/step-rules.ts), asked first for the item's own message;
  // the push decides them again.
  const refusal = answerRefusal(active.pack.steps, input.step, input.itemId, input.value);
  if (refusal) throw new HttpError(422, refusal.code, refusal.message, refusal.problems);
  const args = { participantId: p.id, step: input.step, itemId: input.itemId, value: input.value };
  const outcome = await pushOne(ctx, p.schoolId, { body: { name: 'answer.save', args }, id: input.mutationId }, active);
  const no = refused(outcome);
  if (no) throw no;
  return { savedAt: ctx.now() };
};

export const completeStep: WebHandler<'completeStep'> = async (input, call, ctx) => {
  const p = await requireParticipant(ctx, call);
  await requireActivation(ctx, p);
  const active = await activeCampaign(ctx);
  const { pack } = active;
  const step = pack.steps[input.step - 1];
  if (!step) throw fault(404, 'UNKNOWN_STEP');
  const done = await completionsOf(ctx, p.id);
  if (done.has(step.number)) return progressOf(ctx, p, pack);
  const given = (await answersOf(ctx, p.id))[step.number] ?? {};
  // The completion carries the step's answers as they stand, so it is the record scoring reads.
  const answers = Object.fromEntries(
    step.items.filter((i) => given[i.id] !== undefined).map((i) => [i.id, given[i.id]!]),
  );
  const refusal = completionRefusal(pack.steps, step.number, answers, (n) => done.has(n));
  if (refusal) {
    throw new HttpError(refusal.code === 'STEP_LOCKED' ? 409 : 422, refusal.code, refusal.message, refusal.problems);
  }
  const args = { completionId: uuidv7(ctx.now()), participantId: p.id, step: step.number, answers };
  const no = refused(await pushOne(ctx, p.schoolId, { body: { name: 'step.complete', args } }, active));
  if (no) throw no;
  return progressOf(ctx, p, pack);
};
