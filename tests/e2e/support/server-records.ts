/** What the central server holds for a student, read from its store: the test's ground truth. */
import { TEST_PACK } from '../../../core/content/index.ts';
import type { Central } from './central.ts';

export interface ServerRecord {
  participants: number;
  activations: { code: string; status: string }[];
  completedSteps: number[];
  /** Later completions of a step already completed (kept as history); a duplicate would land here. */
  repeatedCompletions: number;
  answers: number;
}

export async function serverRecordOf(central: Central, email: string): Promise<ServerRecord> {
  const db = central.ctx().db;
  const people = await db.selectFrom('participants').select('id').where('email', '=', email.toLowerCase()).execute();
  const ids = people.map((p) => p.id);
  if (ids.length === 0)
    return { participants: 0, activations: [], completedSteps: [], repeatedCompletions: 0, answers: 0 };
  const activations = await db
    .selectFrom('activations')
    .select(['code', 'status'])
    .where('participant_id', 'in', ids)
    .execute();
  const completions = await db
    .selectFrom('completions')
    .select('step')
    .where('participant_id', 'in', ids)
    .orderBy('step')
    .execute();
  const history = await db
    .selectFrom('completion_history')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('participant_id', 'in', ids)
    .executeTakeFirstOrThrow();
  const answers = await db
    .selectFrom('answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('participant_id', 'in', ids)
    .executeTakeFirstOrThrow();
  return {
    participants: ids.length,
    activations,
    completedSteps: completions.map((c) => c.step),
    repeatedCompletions: Number(history.n),
    answers: Number(answers.n),
  };
}

/** Activations the server holds for a code, by status. */
export async function activationsOfCode(central: Central, code: string): Promise<Record<string, number>> {
  const rows = await central.ctx().db.selectFrom('activations').select('status').where('code', '=', code).execute();
  const out: Record<string, number> = {};
  for (const r of rows) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

export const ALL_STEPS = TEST_PACK.steps.map((s) => s.number);

/** How many answers a pupil gives who answers every item of the test pack (info pages need none). */
export const ANSWERABLE_ITEMS = TEST_PACK.steps.flatMap((s) => s.items).filter((i) => i.type !== 'info').length;

/** Activation slots of a code the server has leased to kiosks and not taken back. */
export async function leasedSlots(central: Central, code: string): Promise<number> {
  const rows = await central
    .ctx()
    .db.selectFrom('leases')
    .select(['slots', 'used'])
    .where('code', '=', code)
    .where('released_at', 'is', null)
    .execute();
  return rows.reduce((n, r) => n + r.slots - r.used, 0);
}
