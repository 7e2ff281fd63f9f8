/**
 * Reads and writes behind «Повторные регистрации» (issue 13): a school's registrations with what
 * each has done, one student's whole record, and the merge's own rows. The rules are
 * core/mutations/merge.ts; duplicates.service.ts applies them.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { Mutation } from '../../core/mutations/schemas.ts';
import type { StudentRecord } from '../../core/mutations/merge.ts';
import type { AnswerValue } from '../../core/mutations/schemas.ts';
import type { CentralDB } from '../db/schema.ts';
import { insertChunked, JsonText } from '../sync/batch.ts';
import { activationFromDb, participantFromDb } from '../sync/rows.ts';

type Db = Kysely<CentralDB> | Transaction<CentralDB>;
type Trx = Transaction<CentralDB>;

/** A registration of the school as the duplicates view compares it. */
export interface RegistrationRow {
  id: string;
  schoolId: string;
  campaignId: string;
  surname: string;
  name: string;
  schoolClass: string;
  email: string;
  device: string | null;
  createdAt: number;
  code: string | null;
  activationStatus: string | null;
  stepsDone: number;
  answers: number;
  onServer: boolean;
}

/** The school's registrations on the server, with their PC, code and progress. */
export async function storedRegistrations(db: Db, schoolId: string, campaignId: string): Promise<RegistrationRow[]> {
  const rows = await db
    .selectFrom('participants as p')
    .leftJoin('activations as a', 'a.participant_id', 'p.id')
    .where('p.school_id', '=', schoolId)
    .where('p.campaign_id', '=', campaignId)
    .select([
      'p.id',
      'p.school_id',
      'p.campaign_id',
      'p.surname',
      'p.name',
      'p.school_class',
      'p.email',
      'p.created_at',
      'a.code',
      'a.status',
    ])
    .select((eb) => [
      eb
        .selectFrom('completions')
        .whereRef('completions.participant_id', '=', 'p.id')
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('steps_done'),
      eb
        .selectFrom('answers')
        .whereRef('answers.participant_id', '=', 'p.id')
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('answer_count'),
      eb
        .selectFrom('mutations')
        .innerJoin('devices', 'devices.id', 'mutations.device_id')
        .whereRef('mutations.participant_id', '=', 'p.id')
        .where('mutations.name', '=', 'participant.register')
        .select('devices.name')
        .limit(1)
        .as('device'),
    ])
    .execute();
  // PostgreSQL returns count(*) as a string.
  return rows.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    campaignId: r.campaign_id,
    surname: r.surname,
    name: r.name,
    schoolClass: r.school_class,
    email: r.email,
    device: r.device ?? null,
    createdAt: r.created_at,
    code: r.code ?? null,
    activationStatus: r.status ?? null,
    stepsDone: Number(r.steps_done ?? 0),
    answers: Number(r.answer_count ?? 0),
    onServer: true,
  }));
}

/**
 * Registrations the server refused because another PC of the school had registered the e-mail
 * first (EMAIL_TAKEN), not merged yet: the student's work on that PC waits, parked, for them.
 */
export async function refusedRegistrations(db: Db, schoolId: string, campaignId: string): Promise<RegistrationRow[]> {
  const rows = await db
    .selectFrom('mutations')
    .leftJoin('devices', 'devices.id', 'mutations.device_id')
    .where('mutations.school_id', '=', schoolId)
    .where('mutations.status', '=', sql.lit('rejected')) // a literal, which the partial index matches
    .where('mutations.name', '=', 'participant.register')
    .where('mutations.code', '=', 'EMAIL_TAKEN')
    // A merge points the log at the kept registration, which the server holds: then it is no longer refused.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('participants').whereRef('participants.id', '=', 'mutations.participant_id').select('id'))),
    )
    .select(['mutations.participant_id', 'mutations.payload', 'mutations.received_at', 'devices.name as device'])
    .execute();
  const ids = rows.flatMap((r) => (r.participant_id ? [r.participant_id] : []));
  const parked = await parkedOf(db, ids);
  const out: RegistrationRow[] = [];
  for (const r of rows) {
    const m = Mutation.safeParse(JSON.parse(r.payload));
    if (!m.success || m.data.name !== 'participant.register') continue;
    const mine = parked.filter((p) => p.args.participantId === m.data.args.participantId);
    const activation = mine.find((p) => p.name === 'code.activate');
    out.push({
      id: m.data.args.participantId,
      schoolId,
      campaignId,
      surname: m.data.args.profile.surname,
      name: m.data.args.profile.name,
      schoolClass: m.data.args.profile.schoolClass,
      email: m.data.args.profile.email,
      device: r.device ?? null,
      createdAt: m.data.at,
      code: activation?.name === 'code.activate' ? activation.args.code : null,
      activationStatus: null,
      stepsDone: new Set(mine.flatMap((p) => (p.name === 'step.complete' ? [p.args.step] : []))).size,
      answers: mine.filter((p) => p.name === 'answer.save').length,
      onServer: false,
    });
  }
  return out;
}

async function parkedOf(db: Db, participantIds: string[]): Promise<Mutation[]> {
  if (participantIds.length === 0) return [];
  const rows = await db
    .selectFrom('mutations')
    .select('payload')
    .where('status', '=', sql.lit('parked'))
    .where('participant_id', 'in', participantIds)
    .execute();
  return rows.flatMap((r) => {
    const m = Mutation.safeParse(JSON.parse(r.payload));
    return m.success ? [m.data] : [];
  });
}

/** One student's whole record, read in the merge's transaction; undefined when not stored. */
export async function studentRecord(trx: Trx, participantId: string): Promise<StudentRecord | undefined> {
  const p = await trx.selectFrom('participants').selectAll().where('id', '=', participantId).executeTakeFirst();
  if (!p) return undefined;
  const [activation, answers, completions, certificate] = await Promise.all([
    trx.selectFrom('activations').selectAll().where('participant_id', '=', participantId).executeTakeFirst(),
    trx.selectFrom('answers').selectAll().where('participant_id', '=', participantId).execute(),
    trx.selectFrom('completions').selectAll().where('participant_id', '=', participantId).execute(),
    trx
      .selectFrom('certificates')
      .selectAll()
      .where('subject_id', '=', participantId)
      .where('kind', '=', 'participant')
      .executeTakeFirst(),
  ]);
  return {
    participant: participantFromDb(p),
    activation: activation ? activationFromDb(activation) : null,
    answers: answers.map((a) => ({
      participantId: a.participant_id,
      step: a.step,
      itemId: a.item_id,
      value: JSON.parse(a.value) as AnswerValue,
      updatedAt: a.updated_at,
    })),
    completions: completions.map((c) => ({
      id: c.id,
      participantId: c.participant_id,
      step: c.step,
      answers: JSON.parse(c.answers) as Record<string, AnswerValue>,
      completedAt: c.completed_at,
    })),
    certificate: certificate
      ? {
          serial: certificate.serial,
          participantId: certificate.subject_id,
          campaignId: certificate.campaign_id,
          name: certificate.name,
          schoolName: certificate.school_name,
          issuedAt: certificate.issued_at,
        }
      : null,
  };
}

/** The school a refused registration was sent from, if it is one and not merged yet. */
export async function refusedRegistrationSchool(db: Db, participantId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('mutations')
    .select('school_id')
    .where('participant_id', '=', participantId)
    .where('name', '=', 'participant.register')
    .where('code', '=', 'EMAIL_TAKEN')
    .executeTakeFirst();
  return row?.school_id;
}

/** Replaces both registrations' rows with the merged ones (the plan's), in the merge's transaction. */
export async function writeMergedRows(
  trx: Trx,
  ids: readonly string[],
  rows: Pick<StudentRecord, 'answers' | 'completions'> & {
    history: StudentRecord['completions'];
    activation: StudentRecord['activation'];
  },
): Promise<void> {
  const both = [...ids];
  await trx.deleteFrom('answers').where('participant_id', 'in', both).execute();
  await trx.deleteFrom('completions').where('participant_id', 'in', both).execute();
  await trx.deleteFrom('activations').where('participant_id', 'in', both).execute();
  await insertChunked(
    trx,
    'answers',
    rows.answers.map((a) => ({
      participant_id: a.participantId,
      step: a.step,
      item_id: a.itemId,
      value: new JsonText(a.value),
      updated_at: a.updatedAt,
    })),
  );
  const completion = (c: StudentRecord['completions'][number]) => ({
    id: c.id,
    participant_id: c.participantId,
    step: c.step,
    answers: new JsonText(c.answers),
    completed_at: c.completedAt,
  });
  await insertChunked(trx, 'completions', rows.completions.map(completion));
  await insertChunked(trx, 'completion_history', rows.history.map(completion));
  const a = rows.activation;
  if (a) {
    await trx
      .insertInto('activations')
      .values({
        id: a.id,
        participant_id: a.participantId,
        code: a.code,
        school_id: a.schoolId,
        device_id: null,
        lease_id: a.leaseId,
        status: a.status,
        created_at: a.createdAt,
      })
      .execute();
  }
}

/**
 * Everything else that named the retired id now names the kept one: its history, visits, the
 * mutation log (so parked work is decided for the kept registration) and a certificate it holds.
 */
export async function repointRetired(trx: Trx, retiredId: string, keptId: string, certificateSerial: string | null) {
  await trx
    .updateTable('completion_history')
    .set({ participant_id: keptId })
    .where('participant_id', '=', retiredId)
    .execute();
  await trx.updateTable('mutations').set({ participant_id: keptId }).where('participant_id', '=', retiredId).execute();
  const visits = await trx
    .selectFrom('participant_visits')
    .selectAll()
    .where('participant_id', '=', retiredId)
    .execute();
  await trx.deleteFrom('participant_visits').where('participant_id', '=', retiredId).execute();
  for (const v of visits) {
    await trx
      .insertInto('participant_visits')
      .values({ ...v, participant_id: keptId })
      .onConflict((oc) => oc.columns(['participant_id', 'school_id']).doNothing())
      .execute();
  }
  if (certificateSerial) {
    await trx.updateTable('certificates').set({ subject_id: keptId }).where('serial', '=', certificateSerial).execute();
  }
  await trx.deleteFrom('participant_sessions').where('participant_id', '=', retiredId).execute();
  await trx.deleteFrom('participants').where('id', '=', retiredId).execute();
}

/** How many of the pack's steps a student has completed. */
export async function stepsDoneOf(db: Db, participantId: string, stepCount: number): Promise<number> {
  const row = await db
    .selectFrom('completions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('participant_id', '=', participantId)
    .where('step', '<=', stepCount)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
