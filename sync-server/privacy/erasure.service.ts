/**
 * Deletion on request and retention: one erasure (erasure.repository.ts, by core/privacy's rule)
 * behind three callers. The organizer (technical support's look-up) may erase anyone; a
 * co-organizer only a student «Результаты» lists for their school, with a reason; the retention
 * job every participant of a campaign past its keeping date. Every one is audited, without the
 * person's name (the audit log must not keep what the erasure removes).
 */
import type { Transaction } from 'kysely';
import { CoorganizerEraseRequest } from '../../core/contracts/privacy.ts';
import { isPastRetention } from '../../core/privacy/retention.ts';
import type { ErasureCause } from '../../core/privacy/erasure.ts';
import { supportMessages } from '../../core/messages/dashboard.ts';
import { cabinetServerMessages } from '../../core/messages/cabinet-screens.ts';
import { recordAudit, type Actor } from '../audit/audit.repository.ts';
import { allCampaigns, requireActiveCampaign } from '../campaigns/campaign.repository.ts';
import type { ServerContext } from '../context.ts';
import type { CentralDB } from '../db/schema.ts';
import { HttpError, parse } from '../http/errors.ts';
import { studentOfSchool } from '../results/results.repository.ts';
import { forgetParticipants } from '../sync/participant-cache.ts';
import { eraseParticipantRows, participantsOfCampaign } from './erasure.repository.ts';

/** Erases one participant and nudges the schools whose kiosks hold them; false when nobody was there. */
export async function eraseParticipant(
  ctx: ServerContext,
  participantId: string,
  cause: ErasureCause,
  also?: (trx: Transaction<CentralDB>) => Promise<void>,
): Promise<boolean> {
  const schools = await ctx.db.transaction().execute(async (trx) => {
    const s = await eraseParticipantRows(trx, ctx.store.dialect, participantId, ctx.now(), cause);
    if (s) await also?.(trx);
    return s;
  });
  if (!schools) return false;
  forgetParticipants(ctx.store, [participantId]);
  for (const schoolId of schools) ctx.nudge(schoolId);
  // Ids only: the person is gone, and logs must not bring them back.
  ctx.log.info({ participantId, cause, schools: schools.length }, 'participant erased');
  return true;
}

/** Technical support's «Удалить участника»: anyone, audited with the optional reason. */
export async function eraseByOrganizer(ctx: ServerContext, actor: Actor, id: string, reason: string): Promise<void> {
  const schoolId = await homeSchool(ctx, id);
  if (!schoolId) throw new HttpError(404, 'NOT_FOUND', supportMessages.participantNotFound);
  await eraseParticipant(ctx, id, 'request', (trx) =>
    recordAudit(trx, ctx.now(), actor, 'participant.erase', id, { schoolId, reason }),
  );
}

/**
 * The co-organizer's «Удалить данные ученика»: only a student of their school's codes, with a
 * reason. Another school's id is a 404 before the body is even read, as for every cabinet route.
 */
export async function eraseByCoorganizer(
  ctx: ServerContext,
  actor: Actor & { schoolId: string },
  id: string,
  body: unknown,
): Promise<void> {
  const campaign = await requireActiveCampaign(ctx.db);
  if (!(await studentOfSchool(ctx, actor.schoolId, campaign.id, id))) {
    throw new HttpError(404, 'NOT_FOUND', cabinetServerMessages.studentNotFound);
  }
  const { reason } = parse(CoorganizerEraseRequest, body ?? {});
  await eraseParticipant(ctx, id, 'request', (trx) =>
    recordAudit(trx, ctx.now(), { id: actor.id, email: actor.email }, 'participant.erase', id, {
      schoolId: actor.schoolId,
      reason,
      by: 'coorganizer',
    }),
  );
}

async function homeSchool(ctx: ServerContext, id: string): Promise<string | undefined> {
  const row = await ctx.db.selectFrom('participants').select('school_id').where('id', '=', id).executeTakeFirst();
  return row?.school_id;
}

/** Who the audit log names for the retention job's work. */
const RETENTION_ACTOR: Actor = { id: 'retention', email: 'срок хранения' };
const PAGE = 200;

/**
 * Erases every participant of every campaign past its retention date (core/privacy/retention.ts),
 * one transaction per person so a long run never holds a school's feed for long; returns how many.
 */
export async function applyRetention(ctx: ServerContext): Promise<number> {
  const now = new Date(ctx.now());
  let erased = 0;
  for (const campaign of await allCampaigns(ctx.db)) {
    if (!isPastRetention(campaign.settings, now)) continue;
    let n = 0;
    for (;;) {
      const ids = await ctx.db.transaction().execute((trx) => participantsOfCampaign(trx, campaign.id, PAGE));
      if (ids.length === 0) break;
      for (const id of ids) if (await eraseParticipant(ctx, id, 'retention')) n += 1;
    }
    if (n > 0) {
      await recordAudit(ctx.db, ctx.now(), RETENTION_ACTOR, 'participants.retention', campaign.id, { erased: n });
    }
    erased += n;
  }
  return erased;
}

const RETENTION_EVERY_MS = 3_600_000;

/** Runs the retention job at start and hourly; stop() waits for a run in progress. */
export function keepRetention(ctx: ServerContext): { stop(): Promise<void> } {
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = applyRetention(ctx)
      .then((n) => n > 0 && ctx.log.info({ erased: n }, 'retention: personal data erased'))
      .catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'retention run failed'));
  };
  tick();
  const timer = setInterval(tick, RETENTION_EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}
