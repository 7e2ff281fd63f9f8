/**
 * What the web participant's screens read from the central store: a student's own rows, always
 * by the id their session names (never an id a request carries).
 */
import type { ParticipantRow } from '../../core/mutations/rows.ts';
import type { AnswerValue } from '../../core/mutations/schemas.ts';
import { WEB_SCHOOL } from '../../core/web.ts';
import type { ServerContext } from '../context.ts';
import { participantFromDb } from '../sync/rows.ts';

export async function participantById(ctx: ServerContext, id: string): Promise<ParticipantRow | undefined> {
  const row = await ctx.db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
  return row && participantFromDb(row);
}

export async function participantByEmail(
  ctx: ServerContext,
  campaignId: string,
  email: string,
): Promise<ParticipantRow | undefined> {
  const row = await ctx.db
    .selectFrom('participants')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('email', '=', email)
    .executeTakeFirst();
  return row && participantFromDb(row);
}

export async function activationOf(ctx: ServerContext, participantId: string) {
  return ctx.db
    .selectFrom('activations')
    .select(['code', 'status'])
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
}

/** Answers by step number, then item id. */
export async function answersOf(
  ctx: ServerContext,
  participantId: string,
): Promise<Record<number, Record<string, AnswerValue>>> {
  const rows = await ctx.db
    .selectFrom('answers')
    .select(['step', 'item_id', 'value'])
    .where('participant_id', '=', participantId)
    .execute();
  const out: Record<number, Record<string, AnswerValue>> = {};
  for (const r of rows) (out[r.step] ??= {})[r.item_id] = JSON.parse(r.value) as AnswerValue;
  return out;
}

/** The completions that stand, as step number → the answers they carried. */
export async function completionsOf(
  ctx: ServerContext,
  participantId: string,
): Promise<Map<number, Record<string, AnswerValue>>> {
  const rows = await ctx.db
    .selectFrom('completions')
    .select(['step', 'answers'])
    .where('participant_id', '=', participantId)
    .execute();
  return new Map(rows.map((r) => [r.step, JSON.parse(r.answers) as Record<string, AnswerValue>]));
}

/** The web participants' school row (core/web.ts), made on first use. */
export async function ensureWebSchool(ctx: ServerContext): Promise<void> {
  await ctx.db
    .insertInto('schools')
    .values({ ...WEB_SCHOOL, created_at: ctx.now() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
