/**
 * Sync push: a device's batch of mutations, replayed with the domain's own rules and committed
 * in one transaction before the answer leaves (the kiosk forgets what is acknowledged).
 * Idempotent by mutation id; a rejected mutation is stored with its reason and never blocks
 * the ones behind it; one that arrives before its participant is parked until they arrive.
 */
import type { Transaction } from 'kysely';
import type { DeviceHealth, MutationOutcome } from '../../core/contracts/sync.ts';
import { reject } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { decide, type Decision } from '../../core/mutations/decide.ts';
import { forKeptRegistration } from '../../core/mutations/merge.ts';
import { Mutation } from '../../core/mutations/schemas.ts';
import { DomainState, refsOf, type StateRefs } from '../../core/mutations/state.ts';
import type { Effect } from '../../core/mutations/effects.ts';
import { WEB_SCHOOL_ID } from '../../core/web.ts';
import type { ServerContext } from '../context.ts';
import type { CentralDB } from '../db/schema.ts';
import { recordPush } from '../devices/devices.service.ts';
import { flushWrites, gatherWrites, insertChunked, type BulkRow } from './batch.ts';
import { lockSchools } from './changes.repository.ts';
import { emitChanges } from './emit.ts';
import { fingerprint } from './hash.ts';
import { isUniqueViolation, mayBeRetry, rememberApplied, storedOutcome } from './dedupe.ts';
import { retryParked, storeDecisions, type Pending } from './parked.ts';
import { decideContext, type Campaignish } from './decide-context.ts';
import { knownParticipants, rememberParticipants } from './participant-cache.ts';
import { loadState } from './state.repository.ts';
import { writeEffects } from './effects.repository.ts';
import { afterSettling, settleCodes } from './leases.service.ts';
import { withRetry } from './retry.ts';
import { fatesOf, lockRegistrations } from './merges.repository.ts';

export interface PushSource {
  deviceId: string | null;
  schoolId: string;
  /** What the device reports about itself; stored in the same commit as its batch. */
  health?: DeviceHealth | undefined;
}

export type { Campaignish };

export async function pushMutations(
  ctx: ServerContext,
  campaign: Campaignish,
  source: PushSource,
  raw: readonly unknown[],
): Promise<MutationOutcome[]> {
  const now = ctx.now();
  const outcomes: MutationOutcome[] = new Array(raw.length);
  const valid: Valid[] = [];
  raw.forEach((r, index) => {
    const parsed = Mutation.safeParse(r);
    const id = typeof (r as { id?: unknown })?.id === 'string' ? (r as { id: string }).id : `#${index}`;
    if (!parsed.success) outcomes[index] = { id, status: 'rejected', ...reject('INVALID_MUTATION') };
    else valid.push({ index, m: parsed.data, ...fingerprint(parsed.data) });
  });

  const attempt = (lookup: 'always' | 'by-seq') =>
    ctx.db.transaction().execute(async (trx) => {
      gatherWrites(trx);
      for (const v of valid) outcomes[v.index] = undefined as unknown as MutationOutcome;
      const seen = new Map<string, Seen>();
      const ids = valid.map((v) => v.m.id);
      if (ids.length && (lookup === 'always' || (await mayBeRetry(trx, ctx.store, source.deviceId, valid)))) {
        const rows = await trx
          .selectFrom('mutations')
          .select(['id', 'hash', 'status', 'code', 'message'])
          .where('id', 'in', ids)
          .execute();
        for (const r of rows) seen.set(r.id, r);
      }
      // A stored hash of another format (an older server) is judged by the stored text itself.
      const differing = valid.filter((v) => seen.has(v.m.id) && seen.get(v.m.id)!.hash !== v.hash);
      const storedText = await storedPayloads(
        trx,
        differing.map((v) => v.m.id),
      );
      const fresh: Valid[] = [];
      const conflicts: BulkRow<CentralDB['mutation_conflicts']>[] = [];
      for (const v of valid) {
        const prior = seen.get(v.m.id);
        if (!prior) {
          seen.set(v.m.id, { hash: v.hash, payload: v.payload, status: 'new', code: null, message: null });
          fresh.push(v);
          continue;
        }
        if (prior.hash !== v.hash && (prior.payload ?? storedText.get(v.m.id)) !== v.payload) {
          conflicts.push({
            id: uuidv7(now),
            mutation_id: v.m.id,
            device_id: source.deviceId,
            hash: v.hash,
            payload: v.payload,
            received_at: now,
          });
          outcomes[v.index] = { id: v.m.id, status: 'conflict', ...reject('MUTATION_ID_REUSED') };
        } else if (prior.status !== 'new') {
          outcomes[v.index] = storedOutcome(v.m.id, prior);
        }
      }
      await insertChunked(trx, 'mutation_conflicts', conflicts);
      const { touched, state, codes } = fresh.length
        ? await applyFresh(ctx, trx, campaign, source, fresh, outcomes, now)
        : { touched: new Set<string>(), state: undefined, codes: [] };
      const maxSeq = fresh.length ? Math.max(...fresh.map((f) => f.m.seq)) : null;
      if (source.deviceId) await recordPush(trx, source.deviceId, source.health, now, maxSeq);
      await flushWrites(trx);
      // A code these activations filled refuses the students still waiting on it (read after the
      // flush: on PostgreSQL the batch's writes go as one statement at the end).
      const settled = await settleCodes(trx, codes);
      return { touched, maxSeq, state, settled };
    });
  // A concurrent copy of this batch (a client retry racing its original) can slip past the
  // by-seq shortcut; the primary key catches it and the batch is redone with a full lookup.
  const { touched, maxSeq, state, settled } = await withRetry(() =>
    attempt('by-seq').catch((err: unknown) => {
      if (isUniqueViolation(err)) return attempt('always');
      throw err;
    }),
  );
  if (source.deviceId && maxSeq !== null) rememberApplied(ctx.store, source.deviceId, maxSeq);
  // Committed now: the batch's students (read or registered) are known to exist from here on.
  if (state) rememberParticipants(ctx.store, state.participants.values());
  // A twin inside one batch (same id, same content) shares its first copy's outcome.
  const firstOf = new Map<string, number>();
  for (const v of valid) {
    const first = firstOf.get(v.m.id);
    if (first === undefined) firstOf.set(v.m.id, v.index);
    else if (!outcomes[v.index]) outcomes[v.index] = outcomes[first]!;
  }
  for (const schoolId of touched) settled.schools.add(schoolId);
  await afterSettling(ctx, settled);
  return outcomes;
}

interface Valid {
  index: number;
  m: Mutation;
  /** The mutation's JSON as the log keeps it, and its fingerprint (hash.ts). */
  payload: string;
  hash: string;
}

interface Seen {
  hash: string;
  /** Known for a twin earlier in the same batch; a stored one is read only when hashes differ. */
  payload?: string;
  status: string;
  code: string | null;
  message: string | null;
}

async function storedPayloads(trx: Transaction<CentralDB>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('mutations').select(['id', 'payload']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.payload]));
}

async function applyFresh(
  ctx: ServerContext,
  trx: Transaction<CentralDB>,
  campaign: Campaignish,
  source: PushSource,
  batch: Valid[],
  outcomes: MutationOutcome[],
  now: number,
): Promise<{ touched: Set<string>; state: DomainState; codes: string[] }> {
  const participantIds = [...new Set(batch.map((f) => f.m.args.participantId))];
  // Before the merge mapping is read: a merge of these registrations in flight commits first.
  await lockRegistrations(trx, ctx.store.dialect, participantIds, 'write');
  // An erased participant's changes (a kiosk offline at the deletion) are refused, and their
  // content is not logged: nothing re-creates the person (privacy/erasure.repository.ts).
  // A registration merged into another (issue 13): work a PC still sends for it joins the kept one.
  // Both read at once (merges.repository.ts).
  const { erased, keptOf } = await fatesOf(trx, participantIds);
  if (keptOf.size) {
    // The kept registrations take turns too: one being erased (or merged on) commits first.
    await lockRegistrations(trx, ctx.store.dialect, keptOf.values(), 'write');
    const kept = await fatesOf(trx, keptOf.values());
    for (const [retired, keptId] of keptOf) {
      if (!kept.erased.has(keptId)) continue;
      erased.add(retired);
      keptOf.delete(retired);
    }
  }
  const refused = erased.size ? batch.filter((f) => erased.has(f.m.args.participantId)) : [];
  const fresh = refused.length ? batch.filter((f) => !erased.has(f.m.args.participantId)) : batch;
  if (keptOf.size) for (const f of fresh) f.m = forKeptRegistration(f.m, keptOf);
  const mutations = fresh.map((f) => f.m);
  const refs = refsOf(mutations);
  // The shortcut holds only the school's own students: a visitor's right is read from the store.
  const known = mutations.every((m) => m.name === 'answer.save')
    ? knownParticipants(ctx.store, refs.participantIds)?.filter((p) => p.schoolId === source.schoolId)
    : undefined;
  const state =
    known?.length === refs.participantIds.size
      ? DomainState.of(known)
      : await lockAndLoad(ctx, trx, campaign.id, source, refs);
  const baseCtx = decideContext(campaign, source, now);
  const decided: Pending[] = [];
  const effects: Effect[] = [];
  for (const f of fresh) {
    const decision = decide(f.m, state, baseCtx(f.m.at));
    // A refusal may leave a record too (a refused activation the co-organizer can place).
    for (const e of decision.status === 'parked' ? [] : (decision.effects ?? [])) {
      state.apply(e);
      effects.push(e);
    }
    decided.push({ m: f.m, hash: f.hash, payload: f.payload, decision });
  }
  // Parked mutations (from this batch or earlier) whose participant has now arrived.
  const arrived = effects.filter((e) => e.type === 'participant.insert').map((e) => e.row.id);
  const reDecided = await retryParked(trx, ctx.store.dialect, state, baseCtx, decided, arrived, effects);

  const erasedDecision: Decision = { status: 'rejected', ...reject('PARTICIPANT_ERASED') };
  for (const f of refused) decided.push({ m: f.m, hash: f.hash, payload: '{}', decision: erasedDecision });
  await insertChunked(
    trx,
    'mutations',
    decided.map(({ m, hash, payload, decision }) => ({
      id: m.id,
      device_id: source.deviceId,
      school_id: source.schoolId,
      seq: m.seq,
      name: m.name,
      hash,
      payload,
      status: decision.status,
      code: decision.status === 'rejected' ? decision.code : null,
      message: decision.status === 'rejected' ? decision.message : null,
      participant_id: m.args.participantId,
      received_at: now,
    })),
  );
  await storeDecisions(trx, reDecided);
  await writeEffects(trx, effects, source.deviceId);
  const touched = await emitChanges(trx, state, effects);

  [...fresh, ...refused].forEach((f, i) => {
    const d = decided[i]!.decision;
    outcomes[f.index] =
      d.status === 'rejected'
        ? { id: f.m.id, status: 'rejected', code: d.code, message: d.message }
        : d.status === 'accepted' && d.effects.some((e) => e.type === 'activation.insert' && e.row.status === 'waiting')
          ? { id: f.m.id, status: 'accepted', waiting: true }
          : { id: f.m.id, status: d.status };
  });
  // Codes that activations were confirmed on (from free places or leases): they may now be full.
  const codes = effects.flatMap((e) =>
    e.type === 'activation.insert' && e.row.status === 'confirmed' ? [e.row.code] : [],
  );
  return { touched, state, codes };
}

/** The batch's state, read under the locks of the schools it may write (see participant-cache.ts). */
async function lockAndLoad(
  ctx: ServerContext,
  trx: Transaction<CentralDB>,
  campaignId: string,
  source: PushSource,
  refs: StateRefs,
): Promise<DomainState> {
  const codeSchools = refs.codes.size
    ? await trx
        .selectFrom('tariffs')
        .select('school_id')
        .where('code', 'in', [...refs.codes])
        .execute()
    : [];
  // The web participants' row has no change feed to order (emit.ts), so it is not locked.
  const schools = [source.schoolId, ...codeSchools.map((r) => r.school_id)].filter((id) => id !== WEB_SCHOOL_ID);
  await lockSchools(trx, ctx.store.dialect, schools);
  return loadState(trx, campaignId, refs);
}
