/**
 * Mutations that arrived before their participant (a step result before the registration) wait
 * as "parked" and are decided again, in arrival order, when the participant arrives.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ServerContext } from '../context.ts';
import { activeCampaign } from './campaign-cache.ts';
import { decideContext } from './decide-context.ts';
import { writeEffects } from './effects.repository.ts';
import { emitChanges } from './emit.ts';
import { withRetry } from './retry.ts';
import { decide, type DecideContext, type Decision } from '../../core/mutations/decide.ts';
import type { Effect } from '../../core/mutations/effects.ts';
import { forKeptRegistration } from '../../core/mutations/merge.ts';
import { Mutation } from '../../core/mutations/schemas.ts';
import { keptIdsOf } from './merges.repository.ts';
import { refsOf, type DomainState } from '../../core/mutations/state.ts';
import type { CentralDB } from '../db/schema.ts';
import { lockSchools } from './changes.repository.ts';
import { loadCodes, loadState, loadTakenIds } from './state.repository.ts';

export interface Pending {
  m: Mutation;
  hash: string;
  payload: string;
  decision: Decision;
}

/** Parked mutations of these participants, in arrival order (a test checks its plan). */
export function parkedQuery(db: Kysely<CentralDB>, participantIds: string[]) {
  return db
    .selectFrom('mutations')
    .select(['id', 'payload', 'device_id', 'school_id'])
    .where('status', '=', sql.lit('parked')) // a literal, which the partial index matches
    .where('participant_id', 'in', participantIds)
    .orderBy('received_at')
    .orderBy('seq');
}

export async function retryParked(
  trx: Transaction<CentralDB>,
  dialect: string,
  state: DomainState,
  baseCtx: (at: number) => DecideContext,
  decided: Pending[],
  arrived: string[],
  effects: Effect[],
): Promise<{ id: string; decision: Decision }[]> {
  if (arrived.length === 0) return [];
  const parked = await parkedMutations(trx, arrived);
  await loadTakenIds(trx, state, refsOf(parked.map((x) => x.m)));
  const codes = parked.flatMap((x) => (x.m.name === 'code.activate' ? [x.m.args.code] : []));
  if (codes.length) {
    const owners = await trx.selectFrom('tariffs').select('school_id').where('code', 'in', codes).execute();
    await lockSchools(
      trx,
      dialect,
      owners.map((o) => o.school_id),
    );
    await loadCodes(trx, state, codes);
  }
  const reDecided: { id: string; decision: Decision }[] = [];
  const redo = (m: Mutation, ctx: DecideContext): Decision => decideInto(m, state, ctx, effects);
  for (const { id, m, device_id, school_id } of parked) {
    reDecided.push({ id, decision: redo(m, { ...baseCtx(m.at), deviceId: device_id, schoolId: school_id }) });
  }
  for (const p of decided) {
    if (p.decision.status === 'parked' && state.participants.has(p.m.args.participantId))
      p.decision = redo(p.m, baseCtx(p.m.at));
  }
  return reDecided;
}

/**
 * Parked mutations of these participants, parsed; one made for a registration since merged into
 * another (issue 13) is decided for the kept one.
 */
async function parkedMutations(trx: Transaction<CentralDB>, participantIds: string[]) {
  const stored = await parkedQuery(trx, participantIds).execute();
  const parsed = stored.map((x) => ({ ...x, m: Mutation.parse(JSON.parse(x.payload)) }));
  const keptOf = await keptIdsOf(
    trx,
    parsed.map((x) => x.m.args.participantId),
  );
  return keptOf.size ? parsed.map((x) => ({ ...x, m: forKeptRegistration(x.m, keptOf) })) : parsed;
}

/** Decides `m` and folds what it writes into the state and the batch's effects. */
function decideInto(m: Mutation, state: DomainState, ctx: DecideContext, effects: Effect[]): Decision {
  const d = decide(m, state, ctx);
  for (const e of d.status === 'parked' ? [] : (d.effects ?? [])) {
    state.apply(e);
    effects.push(e);
  }
  return d;
}

/** Records new outcomes of mutations decided again. */
export async function storeDecisions(
  trx: Transaction<CentralDB>,
  decided: readonly { id: string; decision: Decision }[],
): Promise<void> {
  for (const r of decided) {
    await trx
      .updateTable('mutations')
      .set({
        status: r.decision.status,
        code: r.decision.status === 'rejected' ? r.decision.code : null,
        message: r.decision.status === 'rejected' ? r.decision.message : null,
      })
      .where('id', '=', r.id)
      .execute();
  }
}

/**
 * Decides again the parked mutations of students whose activation was just confirmed (their
 * certificates waited with it), in a transaction of their own. Returns the schools to nudge.
 */
export async function replayParked(ctx: ServerContext, participantIds: readonly string[]): Promise<Set<string>> {
  const { campaign, pack } = await activeCampaign(ctx);
  const now = ctx.now();
  return withRetry(() =>
    ctx.db.transaction().execute(async (trx) => {
      const parked = await parkedMutations(trx, [...participantIds]);
      if (parked.length === 0) return new Set<string>();
      await lockSchools(trx, ctx.store.dialect, new Set(parked.map((x) => x.school_id)));
      const state = await loadState(trx, campaign.id, refsOf(parked.map((x) => x.m)));
      const effects: Effect[] = [];
      const decided = parked.map(({ id, m, device_id, school_id }) => {
        const baseCtx = decideContext(
          { ...campaign, steps: pack.steps },
          { deviceId: device_id, schoolId: school_id },
          now,
        );
        return { id, decision: decideInto(m, state, baseCtx(m.at), effects) };
      });
      await storeDecisions(trx, decided);
      await writeEffects(trx, effects, null);
      return emitChanges(trx, state, effects);
    }),
  );
}
