/**
 * The participant's journey: «Принять участие» with a code, then the 12 steps, answer by answer.
 * Every change is a local mutation (saved durably before the answer returns) and goes to the
 * server in the background.
 */
import { isValidCode, normalizeCode } from '../../../core/codes.ts';
import { uuidv7 } from '../../../core/ids.ts';
import type { Handler } from '../context.ts';
import { KioskFault } from '../errors.ts';
import { applyLocal, type LocalOutcome } from '../store/apply-local.ts';
import { activationOf, completionsOf } from '../store/rows.ts';
import { localContext, requireActivation, requireParticipant, requireReady } from './guards.ts';
import { otherSchoolOf } from './code-school.ts';
import { usableLease } from './leases.ts';
import { activationView, answersByStep, progressOf } from './views.ts';

/** The accepted mutation, or the domain's refusal (shown beside `field`, or beside the items it names). */
function accepted(out: LocalOutcome, field?: string) {
  if (out.status === 'accepted') return out.mutation;
  const d = out.decision;
  if (d.status === 'parked') throw KioskFault.of(500, 'INTERNAL');
  throw KioskFault.rejected(d, field ? { [field]: d.message } : d.problems);
}

export const content: Handler<'content'> = (_input, _call, host) => requireReady(host).content;

export const progress: Handler<'progress'> = (_input, call, host) => {
  const ready = requireReady(host);
  return progressOf(host.store, requireParticipant(host, call).id, ready.content);
};

export const activate: Handler<'activate'> = async (input, call, host) => {
  const ready = requireReady(host);
  const p = requireParticipant(host, call);
  const code = normalizeCode(input.code);
  if (!isValidCode(code)) throw KioskFault.of(422, 'CODE_FORMAT', { code: KioskFault.of(422, 'CODE_FORMAT').message });
  const existing = activationOf(host.store, p.id);
  if (existing && existing.status !== 'rejected' && existing.code === code)
    return { activation: activationView(existing) };
  // Another school's code is asked about first; the student confirms it is theirs («Продолжить»).
  if (!input.otherSchool) {
    const other = await otherSchoolOf(host, code);
    if (other) throw KioskFault.of(409, 'CODE_OTHER_SCHOOL', { school: other });
  }
  const ctx = localContext(host, ready);
  // A slot from this kiosk's lease is the student's for sure, online or not.
  const lease = usableLease(host.store, code, ctx.now.getTime());
  const args = {
    activationId: uuidv7(ctx.now.getTime()),
    participantId: p.id,
    code,
    ...(lease ? { leaseId: lease } : {}),
  };
  accepted(applyLocal(host.store, { name: 'code.activate', args }, ctx), 'code');
  // Online, wait briefly for the server's real answer; offline, «ждёт подтверждения сервера».
  if (host.engine.status().online) await host.engine.flush(host.settings.onlineWaitMs);
  else host.engine.kick();
  return { activation: activationView(activationOf(host.store, p.id)!) };
};

export const saveAnswer: Handler<'saveAnswer'> = (input, call, host) => {
  const ready = requireReady(host);
  const p = requireParticipant(host, call);
  requireActivation(host, p.id);
  // The shared step rules (core/mutations/step-rules.ts) decide, here and again at the server.
  const args = { participantId: p.id, step: input.step, itemId: input.itemId, value: input.value };
  const m = accepted(applyLocal(host.store, { name: 'answer.save', args }, localContext(host, ready)));
  host.engine.kick(1_000);
  return { savedAt: m.at };
};

export const completeStep: Handler<'completeStep'> = (input, call, host) => {
  const ready = requireReady(host);
  const p = requireParticipant(host, call);
  requireActivation(host, p.id);
  const step = ready.content.steps[input.step - 1];
  if (!step) throw KioskFault.of(404, 'UNKNOWN_STEP');
  if (completionsOf(host.store, p.id).some((c) => c.step === step.number)) {
    return progressOf(host.store, p.id, ready.content);
  }
  // The completion carries the step's answers as they stand, so it is the record scoring reads;
  // whether they complete the step, and the step's turn, the shared rules decide.
  const given = answersByStep(host.store, p.id)[step.number] ?? {};
  const answers = Object.fromEntries(
    step.items.filter((i) => given[i.id] !== undefined).map((i) => [i.id, given[i.id]!]),
  );
  const args = { completionId: uuidv7(), participantId: p.id, step: step.number, answers };
  accepted(applyLocal(host.store, { name: 'step.complete', args }, localContext(host, ready)));
  host.engine.kick();
  return progressOf(host.store, p.id, ready.content);
};
