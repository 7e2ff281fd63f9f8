/**
 * Two registrations of one student (issue 13): what counts as the same student, and how merging
 * resolves each of their rows. Pure; the server loads both records, applies the plan in one
 * transaction and retires the duplicate's id (its later mutations are mapped to the kept one).
 */
import type { ActivationRow, AnswerRow, CertificateRow, CompletionRow, ParticipantRow } from './rows.ts';

/** A registration's words as typed: case, «ё», extra spaces and «7 А» against «7а» do not matter. */
function norm(text: string): string {
  return text.trim().toLocaleLowerCase('ru-RU').replaceAll('ё', 'е').replace(/\s+/g, ' ');
}

/** Same surname, name and class (the class without spaces: «7 А» is «7а»). */
export function sameStudentKey(p: Pick<ParticipantRow, 'surname' | 'name' | 'schoolClass'>): string {
  return [norm(p.surname), norm(p.name), norm(p.schoolClass).replace(/[\s-]/g, '')].join('\u0000');
}

/**
 * Groups of two or more registrations that are the same student, each group oldest first (the
 * first registration is the one kept by default), groups in the order of their first member.
 * Registrations of different schools or campaigns never group: a co-organizer merges only within
 * their own school.
 */
export function duplicateGroups<
  T extends Pick<ParticipantRow, 'id' | 'surname' | 'name' | 'schoolClass' | 'schoolId' | 'campaignId' | 'createdAt'>,
>(registrations: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const r of registrations) {
    const key = `${r.campaignId}\u0000${r.schoolId}\u0000${sameStudentKey(r)}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => g.sort(byTimeThenId((r) => r.createdAt)))
    .sort((a, b) => byTimeThenId((r: T) => r.createdAt)(a[0]!, b[0]!));
}

function byTimeThenId<T extends { id: string }>(at: (r: T) => number) {
  return (a: T, b: T) => at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Everything the server keeps of one registration. */
export interface StudentRecord {
  participant: ParticipantRow;
  activation: ActivationRow | null;
  answers: AnswerRow[];
  completions: CompletionRow[];
  certificate: CertificateRow | null;
}

export type MergeRefusal = 'SAME_REGISTRATION' | 'OTHER_SCHOOL' | 'OTHER_CAMPAIGN' | 'NOT_SAME_STUDENT';

/** Why two registrations cannot be merged, or undefined when they can. */
export function mergeRefusal(
  kept: Pick<ParticipantRow, 'id' | 'surname' | 'name' | 'schoolClass' | 'schoolId' | 'campaignId'>,
  retired: Pick<ParticipantRow, 'id' | 'surname' | 'name' | 'schoolClass' | 'schoolId' | 'campaignId'>,
): MergeRefusal | undefined {
  if (kept.id === retired.id) return 'SAME_REGISTRATION';
  if (kept.schoolId !== retired.schoolId) return 'OTHER_SCHOOL';
  if (kept.campaignId !== retired.campaignId) return 'OTHER_CAMPAIGN';
  if (sameStudentKey(kept) !== sameStudentKey(retired)) return 'NOT_SAME_STUDENT';
  return undefined;
}

export interface MergePlan {
  keptId: string;
  retiredId: string;
  /** The kept student's answers after the merge (each item once). */
  answers: AnswerRow[];
  /** Answers that lost to another value of the same item: kept in the merge's record. */
  supersededAnswers: AnswerRow[];
  /** One standing completion per step: the first one the server accepted. */
  completions: CompletionRow[];
  /** The other completions of those steps, kept as history. */
  history: CompletionRow[];
  activation: ActivationRow | null;
  /** The other registration's activation, given up: a confirmed one frees its place of the code. */
  releasedActivation: ActivationRow | null;
  certificate: CertificateRow | null;
  /** A second certificate already issued stays valid under the serial printed on it. */
  otherCertificate: CertificateRow | null;
}

/** Which activation holds a place best: a confirmed one (or leased), then one that waits. */
const ACTIVATION_RANK: Record<ActivationRow['status'], number> = {
  confirmed: 0,
  leased: 0,
  waiting: 1,
  pending: 2,
  refused: 3,
};

/**
 * Merges `retired` into `kept`. Every answer of both stays: per step the first accepted
 * completion stands (the sync rule) and the others become history; per item, an answer of a
 * completed step takes the standing completion's value, otherwise the later answer wins, and the
 * loser is reported as superseded. One activation stays (the one that holds a place, oldest
 * first), so a student never takes a second place of a code when one suffices; the first
 * certificate issued stands.
 */
export function planMerge(kept: StudentRecord, retired: StudentRecord): MergePlan {
  const keptId = kept.participant.id;
  const mine = <T extends { participantId: string }>(r: T): T => ({ ...r, participantId: keptId });

  const completions: CompletionRow[] = [];
  const history: CompletionRow[] = [];
  const steps = new Set([...kept.completions, ...retired.completions].map((c) => c.step));
  for (const step of [...steps].sort((a, b) => a - b)) {
    const all = [...kept.completions, ...retired.completions]
      .filter((c) => c.step === step)
      .sort(byTimeThenId((c) => c.completedAt));
    completions.push(mine(all[0]!));
    history.push(...all.slice(1).map(mine));
  }
  const standing = new Map(completions.map((c) => [c.step, c]));

  const answers = new Map<string, AnswerRow>();
  const supersededAnswers: AnswerRow[] = [];
  const itemKey = (a: AnswerRow) => `${a.step}\u0000${a.itemId}`;
  const wins = (a: AnswerRow, b: AnswerRow): boolean => {
    const done = standing.get(a.step);
    if (done && a.itemId in done.answers) {
      const value = JSON.stringify(done.answers[a.itemId]);
      const aFits = JSON.stringify(a.value) === value;
      if (aFits !== (JSON.stringify(b.value) === value)) return aFits;
    }
    return a.updatedAt > b.updatedAt;
  };
  // Kept first: on a tie (same time, nothing to tell them apart) the kept registration's answer stays.
  for (const a of [...kept.answers, ...retired.answers].map(mine)) {
    const k = itemKey(a);
    const held = answers.get(k);
    if (!held) answers.set(k, a);
    else if (wins(a, held)) {
      supersededAnswers.push(held);
      answers.set(k, a);
    } else supersededAnswers.push(a);
  }

  const activations = [kept.activation, retired.activation]
    .filter((a): a is ActivationRow => a !== null)
    .sort(
      (a, b) =>
        ACTIVATION_RANK[a.status] - ACTIVATION_RANK[b.status] || byTimeThenId<ActivationRow>((x) => x.createdAt)(a, b),
    );
  const certificates = [kept.certificate, retired.certificate]
    .filter((c): c is CertificateRow => c !== null)
    .sort((a, b) => a.issuedAt - b.issuedAt || (a.serial < b.serial ? -1 : 1));

  return {
    keptId,
    retiredId: retired.participant.id,
    answers: [...answers.values()],
    supersededAnswers,
    completions,
    history,
    activation: activations[0] ? mine(activations[0]) : null,
    releasedActivation: activations[1] ?? null,
    certificate: certificates[0] ? mine(certificates[0]) : null,
    otherCertificate: certificates[1] ?? null,
  };
}

/**
 * A mutation made for a retired registration (a PC that was offline during the merge) is decided
 * for the kept one: nothing the student did is lost. The mutation keeps its id and stored text, so
 * a retry is still answered from the log.
 */
export function forKeptRegistration<M extends { args: { participantId: string } }>(
  m: M,
  keptOf: ReadonlyMap<string, string>,
): M {
  const kept = keptOf.get(m.args.participantId);
  return kept ? { ...m, args: { ...m.args, participantId: kept } } : m;
}
