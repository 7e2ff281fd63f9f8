/**
 * What every web participant handler shares: the call (request, response, the signed-in student),
 * the views the screens get, and the one way a change is made, a mutation through the server's
 * own push (sync/push.service.ts), decided by the same domain code as a kiosk's.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import {
  participantViewOf,
  type ActivationView,
  type KioskApi,
  type KioskChannel,
  type KioskOutput,
  type ParticipantView,
} from '../../core/contracts/kiosk.ts';
import type { MutationOutcome } from '../../core/contracts/sync.ts';
import { reject } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { kioskMessages, type KioskMessageCode } from '../../core/messages/kiosk.ts';
import type { ParticipantRow } from '../../core/mutations/rows.ts';
import type { MutationBody } from '../../core/mutations/schemas.ts';
import { uuidv7Time } from '../../core/web.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import type { LoginLimiter } from '../auth/login-limiter.ts';
import { activeCampaign, type ActiveCampaign } from '../sync/campaign-cache.ts';
import { pushMutations } from '../sync/push.service.ts';
import { activationOf, participantById } from './participant.repository.ts';
import { sessionParticipantId } from './participant-sessions.ts';

export interface WebCall {
  req: Request;
  res: Response;
  limiter: LoginLimiter;
}

export type WebHandler<C extends KioskChannel> = (
  input: z.infer<KioskApi[C]['input']>,
  call: WebCall,
  ctx: ServerContext,
) => Promise<KioskOutput<C>>;

/** Every channel of the kiosk API; null where the web has no such thing (enrolling a PC). */
export type WebHandlers = { [C in KioskChannel]: WebHandler<C> | null };

export function fault(status: number, code: KioskMessageCode, fields?: Record<string, string>): HttpError {
  return new HttpError(status, code, kioskMessages[code], fields);
}

/** The student the session cookie names; 401 otherwise (the screens then show the start page). */
export async function requireParticipant(ctx: ServerContext, call: WebCall): Promise<ParticipantRow> {
  const id = await sessionParticipantId(ctx, call.req);
  const p = id ? await participantById(ctx, id) : undefined;
  if (!p) throw fault(401, 'NOT_SIGNED_IN');
  return p;
}

/** The server's activation as the screens show it, with the words a kiosk uses for the same state. */
export function activationView(a: { code: string; status: string }): ActivationView {
  if (a.status === 'confirmed') return { code: a.code, status: 'confirmed', message: null };
  // The code is full: a new tariff of the school confirms the student by itself.
  if (a.status === 'refused') return { code: a.code, status: 'refused', message: reject('CODE_FULL').message };
  // Every unused place is held by a classroom PC's lease: confirmed as soon as one comes back.
  if (a.status === 'waiting') return { code: a.code, status: 'waiting', message: kioskMessages.ACTIVATION_WAITING };
  return { code: a.code, status: 'pending', message: kioskMessages.ACTIVATION_PENDING };
}

export async function participantView(ctx: ServerContext, p: ParticipantRow): Promise<ParticipantView> {
  const a = await activationOf(ctx, p.id);
  return participantViewOf(p, a ? activationView(a) : null);
}

export interface WebMutation {
  body: MutationBody;
  /** A page-made id (an outbox's answer); otherwise one is made here. */
  id?: string | undefined;
}

/**
 * One mutation through the server's push, as from a device without a device id: idempotent by
 * id, decided with the campaign's rules at server time. `schoolId` files it (a new web student
 * under the web participants' row, everyone else under their own school).
 */
export async function pushOne(
  ctx: ServerContext,
  schoolId: string,
  { body, id }: WebMutation,
  campaign?: ActiveCampaign,
): Promise<MutationOutcome> {
  const { campaign: c, pack } = campaign ?? (await activeCampaign(ctx));
  const mutationId = id ?? uuidv7(ctx.now());
  // Its time is the id's, so a resent change is byte for byte the mutation first sent.
  const m = { ...body, id: mutationId, seq: 1, at: uuidv7Time(mutationId) };
  const [outcome] = await pushMutations(
    ctx,
    { id: c.id, settings: c.settings, steps: pack.steps },
    { deviceId: null, schoolId },
    [m],
  );
  return outcome!;
}

/** A rejected or conflicting outcome as the 409 the screens show (beside `field` when given). */
export function refused(outcome: MutationOutcome, field?: string): HttpError | null {
  if (outcome.status === 'accepted' || outcome.status === 'parked') return null;
  return new HttpError(409, outcome.code, outcome.message, field ? { [field]: outcome.message } : undefined);
}
