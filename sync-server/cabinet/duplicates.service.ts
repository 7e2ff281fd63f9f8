/**
 * «Повторные регистрации» (issue 13): the co-organizer sees registrations of the same student side
 * by side and merges them. The rule is core/mutations/merge.ts; here it is applied in one
 * transaction, with the change feed that makes every kiosk of the school converge (a `merge`
 * change retires the id there, the kept rows follow), the merge's record and the audit log.
 *
 * The retired e-mail does not sign in to the kept registration: the two passwords differ and only
 * the kept one stands, so sign-in with the retired e-mail is refused with REGISTRATION_MERGED,
 * which tells the student to use the kept registration's e-mail (the co-organizer sees it and can
 * set a new password with «Сменить пароль»).
 */
import type { School } from '../../core/contracts/api.ts';
import type { DuplicatesList, MergeResult } from '../../core/contracts/duplicates.ts';
import { reject, type RejectionCode } from '../../core/errors.ts';
import {
  duplicateGroups,
  mergeRefusal,
  planMerge,
  type MergePlan,
  type StudentRecord,
} from '../../core/mutations/merge.ts';
import { Mutation } from '../../core/mutations/schemas.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { studentOfSchool } from '../results/results.repository.ts';
import { activeCampaign } from '../sync/campaign-cache.ts';
import { appendSchoolChanges, lockSchools, type NewChange } from '../sync/changes.repository.ts';
import { addUsed } from '../sync/leases.repository.ts';
import { afterSettling, settleCodes } from '../sync/leases.service.ts';
import { replayParked } from '../sync/parked.ts';
import { lockRegistrations } from '../sync/merges.repository.ts';
import { forgetParticipants } from '../sync/participant-cache.ts';
import { withRetry } from '../sync/retry.ts';
import {
  refusedRegistrations,
  refusedRegistrationSchool,
  repointRetired,
  stepsDoneOf,
  storedRegistrations,
  studentRecord,
  writeMergedRows,
  type RegistrationRow,
} from './duplicates.repository.ts';

export interface MergeActor {
  userId: string;
  email: string;
  school: School;
}

export async function listDuplicates(ctx: ServerContext, school: School): Promise<DuplicatesList> {
  const { campaign, pack } = await activeCampaign(ctx);
  const all = [
    ...(await storedRegistrations(ctx.db, school.id, campaign.id)),
    ...(await refusedRegistrations(ctx.db, school.id, campaign.id)),
  ];
  const groups = duplicateGroups(all)
    // Only a registration the server holds can be kept: it goes first, as the default to keep.
    .map((g) => [...g.filter((r) => r.onServer), ...g.filter((r) => !r.onServer)])
    .filter((g) => g[0]!.onServer)
    .map((g) => ({ registrations: g.map(view) }));
  return { groups, stepCount: pack.steps.length };
}

function view(r: RegistrationRow) {
  return {
    id: r.id,
    surname: r.surname,
    name: r.name,
    schoolClass: r.schoolClass,
    email: r.email,
    device: r.device,
    registeredAt: r.createdAt,
    code: r.code,
    activationStatus: r.activationStatus,
    stepsDone: r.stepsDone,
    answers: r.answers,
    onServer: r.onServer,
  };
}

const refused = (code: RejectionCode) => HttpError.of(409, code);
const notFound = () => new HttpError(404, 'NOT_FOUND', reject('NOT_FOUND').message);

/**
 * The school a registration belongs to, if this co-organizer may see it: one registered at their
 * school (on the server, or refused there for a taken e-mail), or a student of another school who
 * used one of their codes. Anything else is a 404, whatever the id.
 */
async function visibleHome(ctx: ServerContext, actor: MergeActor, campaignId: string, id: string) {
  const stored = await ctx.db.selectFrom('participants').select(['school_id']).where('id', '=', id).executeTakeFirst();
  if (stored) {
    if (stored.school_id === actor.school.id) return { home: stored.school_id, onServer: true };
    if (await studentOfSchool(ctx, actor.school.id, campaignId, id)) return { home: stored.school_id, onServer: true };
    return undefined;
  }
  const merged = await ctx.db
    .selectFrom('participant_merges')
    .select('retired_id')
    .where('retired_id', '=', id)
    .executeTakeFirst();
  if (merged) return undefined;
  const home = await refusedRegistrationSchool(ctx.db, id);
  return home === actor.school.id ? { home, onServer: false } : undefined;
}

export async function mergeRegistrations(
  ctx: ServerContext,
  actor: MergeActor,
  keptId: string,
  retiredId: string,
): Promise<MergeResult> {
  if (keptId === retiredId) throw refused('MERGE_SAME_REGISTRATION');
  const { campaign, pack } = await activeCampaign(ctx);
  const kept = await visibleHome(ctx, actor, campaign.id, keptId);
  const retired = await visibleHome(ctx, actor, campaign.id, retiredId);
  if (!kept || !retired) throw notFound();
  if (kept.home !== retired.home) throw refused('MERGE_OTHER_SCHOOL');
  if (!kept.onServer) throw refused('MERGE_KEPT_NOT_STORED');
  const home = kept.home;
  const now = ctx.now();

  const { schools, settled } = await withRetry(() =>
    ctx.db.transaction().execute(async (trx) => {
      // First the two registrations: a push for either waits, or is waited for (merges.repository.ts).
      await lockRegistrations(trx, ctx.store.dialect, [keptId, retiredId], 'remove');
      // Every school whose feed the merge writes, in one ordered lock (a code's school may be another).
      const codeSchools = await trx
        .selectFrom('activations')
        .select('school_id')
        .where('participant_id', 'in', [keptId, retiredId])
        .execute();
      await lockSchools(trx, ctx.store.dialect, [home, ...codeSchools.map((r) => r.school_id)]);
      const keptRecord = await studentRecord(trx, keptId);
      if (!keptRecord) throw notFound();
      const retiredRecord = retired.onServer
        ? await studentRecord(trx, retiredId)
        : await refusedRecord(trx, retiredId, campaign.id);
      if (!retiredRecord) throw notFound();
      const why = mergeRefusal(keptRecord.participant, retiredRecord.participant);
      if (why) throw refused(`MERGE_${why}`);
      const plan = planMerge(keptRecord, retiredRecord);
      const retiredCertificate =
        plan.certificate && retiredRecord.certificate?.serial === plan.certificate.serial
          ? plan.certificate.serial
          : null;
      await writeMergedRows(trx, [keptId, retiredId], plan);
      await repointRetired(trx, retiredId, keptId, retiredCertificate);
      const released = plan.releasedActivation;
      // One place of a code suffices: the other confirmed activation gives its place back.
      if (released?.status === 'confirmed') await addUsed(trx, released.code, -1);
      await trx
        .insertInto('participant_merges')
        .values({
          retired_id: retiredId,
          kept_id: keptId,
          school_id: home,
          campaign_id: campaign.id,
          retired_email: retiredRecord.participant.email,
          merged_by: actor.userId,
          merged_at: now,
          details: JSON.stringify(recordOf(retiredRecord, plan)),
        })
        .execute();
      await recordAudit(trx, now, { id: actor.userId, email: actor.email }, 'participants.merge', keptId, {
        retiredId,
        schoolId: home,
        stepsDone: plan.completions.length,
        releasedCode: released?.code ?? null,
      });
      const schools = await emitMerge(trx, home, plan, keptRecord);
      const settled = released?.status === 'confirmed' ? await settleCodes(trx, [released.code]) : undefined;
      return { schools, settled };
    }),
  );
  forgetParticipants(ctx.store, [retiredId]);
  // The retired registration's parked work (a PC's refused registration) is decided for the kept one.
  for (const s of await replayParked(ctx, [keptId])) schools.add(s);
  if (settled) await afterSettling(ctx, settled);
  for (const s of schools) ctx.nudge(s);
  const stepsDone = await stepsDoneOf(ctx.db, keptId, pack.steps.length);
  ctx.log.info({ keptId, retiredId, schoolId: home, userId: actor.userId }, 'registrations merged');
  return { keptId, retiredId, stepsDone };
}

/** A registration the server refused (EMAIL_TAKEN): its profile only; its work is parked. */
async function refusedRecord(
  trx: Parameters<typeof studentRecord>[0],
  id: string,
  campaignId: string,
): Promise<StudentRecord | undefined> {
  const row = await trx
    .selectFrom('mutations')
    .select(['payload', 'school_id'])
    .where('participant_id', '=', id)
    .where('name', '=', 'participant.register')
    .executeTakeFirst();
  const m = row ? Mutation.safeParse(JSON.parse(row.payload)) : undefined;
  if (!row || !m?.success || m.data.name !== 'participant.register') return undefined;
  return {
    participant: {
      ...m.data.args.profile,
      id,
      schoolId: row.school_id,
      campaignId,
      passwordHash: '',
      consentVersion: m.data.args.consentVersion,
      consentAt: m.data.args.consentAt,
      createdAt: m.data.at,
      parentConsentBy: m.data.args.parentConsent?.by ?? null,
      parentConsentHow: m.data.args.parentConsent?.how ?? null,
      parentConsentAt: m.data.args.parentConsent ? m.data.args.consentAt : null,
      parentConsentReceivedAt: null,
    },
    activation: null,
    answers: [],
    completions: [],
    certificate: null,
  };
}

/** What the merge replaced, for its record: never a password hash. */
function recordOf(retired: StudentRecord, plan: MergePlan) {
  const { passwordHash: _hash, ...profile } = retired.participant;
  return {
    retired: profile,
    supersededAnswers: plan.supersededAnswers,
    releasedActivation: plan.releasedActivation,
    otherCertificate: plan.otherCertificate?.serial ?? null,
  };
}

/**
 * The merge in the feeds of the schools that hold either registration: the student's home school,
 * and a school whose code either used. The `merge` change retires the id on every kiosk; the kept
 * registration's rows follow in full, so a kiosk that held only the retired one ends up with all.
 */
async function emitMerge(
  trx: Parameters<typeof studentRecord>[0],
  home: string,
  plan: MergePlan,
  kept: StudentRecord,
): Promise<Set<string>> {
  const merge: NewChange = {
    entity: 'merge',
    key: plan.retiredId,
    data: { retiredId: plan.retiredId, keptId: plan.keptId },
  };
  const activation: NewChange[] = plan.activation
    ? [{ entity: 'activation', key: plan.keptId, data: plan.activation }]
    : [];
  const full: NewChange[] = [
    merge,
    { entity: 'participant', key: plan.keptId, data: kept.participant },
    ...activation,
    ...plan.answers.map((a) => ({
      entity: 'answer' as const,
      key: `${a.participantId}:${a.step}:${a.itemId}`,
      data: a,
    })),
    ...plan.completions.map((c) => ({ entity: 'completion' as const, key: `${c.participantId}:${c.step}`, data: c })),
    ...(plan.certificate ? [{ entity: 'certificate' as const, key: plan.keptId, data: plan.certificate }] : []),
  ];
  const codeSchools = new Set(
    [plan.activation, plan.releasedActivation].flatMap((a) => (a && a.schoolId !== home ? [a.schoolId] : [])),
  );
  const schools = [home, ...codeSchools].sort();
  for (const s of schools) await appendSchoolChanges(trx, s, s === home ? full : [merge, ...activation]);
  return new Set(schools);
}
