/** The shapes the screens get: a participant with their activation, and their progress. */
import {
  participantViewOf,
  type ActivationView,
  type ParticipantView,
  type Progress,
} from '../../../core/contracts/kiosk.ts';
import { firstUnfinished, type PackAnswers } from '../../../core/content/progress.ts';
import type { ContentPack } from '../../../core/content/schema.ts';
import { kioskMessages } from '../../../core/messages/kiosk.ts';
import type { AnswerValue } from '../../../core/mutations/schemas.ts';
import type { ParticipantRow } from '../../../core/mutations/rows.ts';
import type { KioskStore } from '../store/open.ts';
import { activationOf, answersOf, completionsOf, type LocalActivation } from '../store/rows.ts';

export function activationView(a: LocalActivation): ActivationView {
  const message =
    a.status === 'rejected' || a.status === 'refused'
      ? a.message
      : a.status === 'pending'
        ? kioskMessages.ACTIVATION_PENDING
        : a.status === 'leased'
          ? kioskMessages.ACTIVATION_LEASED
          : a.status === 'waiting'
            ? kioskMessages.ACTIVATION_WAITING
            : null;
  return { code: a.code, status: a.status, message };
}

export function participantView(store: KioskStore, p: ParticipantRow): ParticipantView {
  const a = activationOf(store, p.id);
  return participantViewOf(p, a ? activationView(a) : null);
}

/** Answers by step number, then item id. */
export function answersByStep(store: KioskStore, participantId: string): Record<number, Record<string, AnswerValue>> {
  const out: Record<number, Record<string, AnswerValue>> = {};
  for (const a of answersOf(store, participantId)) (out[a.step] ??= {})[a.itemId] = a.value;
  return out;
}

export function progressOf(store: KioskStore, participantId: string, pack: ContentPack): Progress {
  const byStep = answersByStep(store, participantId);
  const completedSteps = completionsOf(store, participantId).map((c) => c.step);
  const answers: Progress['answers'] = {};
  for (const [step, items] of Object.entries(byStep)) answers[step] = items;
  return { answers, completedSteps, resume: firstUnfinished(pack, byStep as PackAnswers, completedSteps) };
}
