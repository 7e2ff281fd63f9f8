/**
 * The rules of the participant's journey, decided the same way on a kiosk and on the server.
 * Pure: state comes in as a DomainState loaded by the caller, and the outcome says what to write.
 */
import { canActivateCodes, isRegistrationOpen, type CampaignSettings } from '../campaign.ts';
import { needsParentConsent } from '../consent.ts';
import type { Step } from '../content/schema.ts';
import { reject, type Rejection } from '../errors.ts';
import { freePlaces } from '../leases.ts';
import { WEB_SCHOOL_ID } from '../web.ts';
import type { Effect } from './effects.ts';
import type { ActivationRow } from './rows.ts';
import type { Mutation } from './schemas.ts';
import type { DomainState } from './state.ts';
import { answerRefusal, completionRefusal } from './step-rules.ts';

export interface DecideContext {
  /** Server-corrected time at which the mutation is judged. */
  now: Date;
  campaignId: string;
  settings: CampaignSettings;
  /** The content pack's steps: the rules of answers and completions read them. */
  steps: readonly Step[];
  /** School of the device (or web session) the mutation comes from. */
  schoolId: string;
  deviceId: string | null;
  /**
   * True on the server. A kiosk cannot know a code's capacity beyond its lease, so where the
   * server would check capacity, a kiosk records the activation as pending instead.
   */
  authority: boolean;
}

export type Decision =
  | { status: 'accepted'; effects: Effect[] }
  /** Refused; `effects` record what the refusal leaves for staff (a refused activation). */
  | ({ status: 'rejected'; effects?: Effect[]; problems?: Record<string, string> } & Rejection)
  /** Arrived before what it depends on; kept and retried when the participant arrives. */
  | { status: 'parked'; waitingFor: string };

const accepted = (...effects: Effect[]): Decision => ({ status: 'accepted', effects });
const rejected = (r: Rejection & { problems?: Record<string, string> }): Decision => ({
  status: 'rejected',
  code: r.code,
  message: r.message,
  ...(r.problems ? { problems: r.problems } : {}),
});

export function decide(m: Mutation, state: DomainState, ctx: DecideContext): Decision {
  const foreign = otherSchool(m, state, ctx);
  if (foreign) return foreign;
  const at = ctx.now.getTime();
  switch (m.name) {
    case 'participant.register': {
      const { participantId, profile } = m.args;
      if (state.participants.has(participantId)) return accepted();
      const holder = state.participantByEmail.get(profile.email);
      if (holder && holder !== participantId) return rejected(reject('EMAIL_TAKEN'));
      if (!isRegistrationOpen(ctx.settings, ctx.now, profile.region)) return rejected(reject('REGISTRATION_CLOSED'));
      const parent = m.args.parentConsent;
      if (!parent && needsParentConsent(ctx.settings.parentConsentUpToClass, profile.schoolClass)) {
        return rejected(reject('PARENT_CONSENT_MISSING'));
      }
      return accepted({
        type: 'participant.insert',
        row: {
          ...profile,
          id: participantId,
          schoolId: ctx.schoolId,
          campaignId: ctx.campaignId,
          passwordHash: m.args.passwordHash,
          consentVersion: m.args.consentVersion,
          consentAt: m.args.consentAt,
          parentConsentBy: parent?.by ?? null,
          parentConsentHow: parent?.how ?? null,
          // Given on the screen by the parent; a paper one counts once the school records it.
          parentConsentAt: parent ? m.args.consentAt : null,
          parentConsentReceivedAt: null,
          createdAt: at,
        },
      });
    }
    case 'code.activate': {
      const { participantId, code: codeText, leaseId, activationId } = m.args;
      const participant = state.participants.get(participantId);
      if (!participant) return { status: 'parked', waitingFor: participantId };
      const existing = state.activations.get(participantId);
      // A refused activation holds nothing, and a waiting one no place: the student may try again
      // or enter another code. One that holds a place (or may) is final.
      if (existing && existing.code === codeText && existing.status !== 'refused') return accepted();
      if (existing && existing.status !== 'refused' && existing.status !== 'waiting')
        return rejected(reject('ALREADY_ACTIVATED'));
      const idOwner = state.activationIds.get(activationId);
      if (idOwner && idOwner !== participantId) return rejected(reject('ID_TAKEN'));
      if (!canActivateCodes(ctx.settings, ctx.now, participant.region)) return rejected(reject('CODE_NOT_YET_ACTIVE'));
      const code = state.codes.get(codeText);
      const row = (status: ActivationRow['status'], lease: string | null, schoolId: string): Effect => ({
        type: 'activation.insert',
        row: { id: activationId, participantId, code: codeText, createdAt: at, schoolId, leaseId: lease, status },
      });
      if (!code) return ctx.authority ? rejected(reject('CODE_UNKNOWN')) : accepted(row('pending', null, ctx.schoolId));
      const lease = leaseId ? state.leases.get(leaseId) : undefined;
      const leaseUsable =
        lease &&
        lease.code === codeText &&
        lease.deviceId === ctx.deviceId &&
        lease.releasedAt === null &&
        lease.used < lease.slots;
      if (leaseUsable) return accepted(row(ctx.authority ? 'confirmed' : 'leased', lease.id, code.schoolId));
      // A kiosk cannot know a code's places beyond its lease: the server decides.
      if (!ctx.authority) return accepted(row('pending', null, code.schoolId));
      if (freePlaces(code) > 0) return accepted(row('confirmed', null, code.schoolId));
      // Unused places held by PCs' leases may still be given offline: wait for one to come back.
      if (code.used < code.capacity) return accepted(row('waiting', null, code.schoolId));
      // An individual tariff is its buyer's alone: nobody else waits for it or is seated by another.
      if (code.schoolId === WEB_SCHOOL_ID) return rejected(reject('CODE_FULL'));
      return { ...reject('CODE_FULL'), status: 'rejected', effects: [row('refused', null, code.schoolId)] };
    }
    case 'answer.save': {
      const { participantId, step, itemId, value } = m.args;
      if (!state.participants.has(participantId)) return { status: 'parked', waitingFor: participantId };
      const refusal = answerRefusal(ctx.steps, step, itemId, value);
      if (refusal) return rejected(refusal);
      return accepted({ type: 'answer.upsert', row: { participantId, step, itemId, value, updatedAt: at } });
    }
    case 'step.complete': {
      const { participantId, step, answers, completionId } = m.args;
      if (!state.participants.has(participantId)) return { status: 'parked', waitingFor: participantId };
      const idOwner = state.completionIds.get(completionId);
      if (idOwner && (idOwner.participantId !== participantId || idOwner.step !== step))
        return rejected(reject('ID_TAKEN'));
      // This very completion is kept already, standing or as history.
      const stands = state.completionOf(participantId, step);
      if (idOwner || stands?.id === completionId) return accepted();
      const refusal = completionRefusal(ctx.steps, step, answers, (n) => !!state.completionOf(participantId, n));
      if (refusal) return rejected(refusal);
      const row = { id: completionId, participantId, step, answers, completedAt: at };
      // The first completion the server accepts stands; later ones are kept as history.
      if (stands) return accepted({ type: 'completion.history', row });
      return accepted({ type: 'completion.insert', row });
    }
    case 'certificate.issue': {
      const { participantId, serial } = m.args;
      const participant = state.participants.get(participantId);
      if (!participant) return { status: 'parked', waitingFor: participantId };
      // The first certificate accepted stands; a device that made another learns it from the pull.
      const stands = state.certificates.get(participantId);
      if (stands) return stands.serial === serial ? accepted() : accepted({ type: 'certificate.stands', row: stands });
      if (state.takenSerials.has(serial)) return rejected(reject('SERIAL_TAKEN'));
      for (let step = 1; step <= ctx.steps.length; step++) {
        if (!state.completionOf(participantId, step)) return rejected(reject('STEPS_NOT_DONE'));
      }
      const activation = state.activations.get(participantId);
      // The certificate waits with the activation, and is decided again when a place frees.
      if (activation?.status === 'waiting') return { status: 'parked', waitingFor: participantId };
      const valid = ctx.authority ? ['confirmed'] : ['confirmed', 'leased'];
      if (!activation || !valid.includes(activation.status)) return rejected(reject('ACTIVATION_NOT_CONFIRMED'));
      return accepted({
        type: 'certificate.insert',
        row: {
          serial,
          participantId,
          campaignId: participant.campaignId,
          name: `${participant.surname} ${participant.name}`,
          schoolName: participant.schoolName,
          issuedAt: at,
        },
      });
    }
  }
}

/**
 * On the server a device acts only for its own school's participants, or for one signed in there
 * through the lookup (a student who moved). A kiosk decides only for whom it holds.
 */
function otherSchool(m: Mutation, state: DomainState, ctx: DecideContext): Decision | undefined {
  if (!ctx.authority || m.name === 'participant.register') return undefined;
  const p = state.participants.get(m.args.participantId);
  if (!p || p.schoolId === ctx.schoolId || state.hasVisited(p.id, ctx.schoolId)) return undefined;
  return rejected(reject('PARTICIPANT_OTHER_SCHOOL'));
}
