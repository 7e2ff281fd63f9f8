/** Two registrations of one student: who is the same student, and what a merge keeps (core/mutations/merge.ts). */
import { describe, expect, it } from 'vitest';
import {
  duplicateGroups,
  forKeptRegistration,
  mergeRefusal,
  planMerge,
  sameStudentKey,
  type StudentRecord,
} from '../../../core/mutations/merge.ts';
import type { ParticipantRow } from '../../../core/mutations/rows.ts';

const SCHOOL = 'school-a';
const CAMPAIGN = 'campaign-1';

function registration(id: string, over: Partial<ParticipantRow> = {}): ParticipantRow {
  return {
    id,
    schoolId: SCHOOL,
    campaignId: CAMPAIGN,
    surname: 'Иванова',
    name: 'Алёна',
    region: 'Москва',
    locality: 'Москва',
    schoolName: 'Школа № 1',
    schoolClass: '7А',
    gender: 'female',
    email: `${id}@school.ru`,
    passwordHash: 'hash',
    consentVersion: '1',
    consentAt: 1,
    createdAt: 1_000,
    parentConsentBy: null,
    parentConsentHow: null,
    parentConsentAt: null,
    parentConsentReceivedAt: null,
    ...over,
  };
}

function record(p: ParticipantRow, over: Partial<StudentRecord> = {}): StudentRecord {
  return { participant: p, activation: null, answers: [], completions: [], certificate: null, ...over };
}

describe('the same student', () => {
  it('is the same surname, name and class however they were typed', () => {
    const a = registration('a');
    expect(sameStudentKey(a)).toBe(sameStudentKey({ surname: ' иванова ', name: 'АЛЕНА', schoolClass: '7 а' }));
    expect(sameStudentKey(a)).not.toBe(sameStudentKey({ ...a, schoolClass: '7Б' }));
    expect(sameStudentKey(a)).not.toBe(sameStudentKey({ ...a, name: 'Анна' }));
  });

  it('groups repeated registrations of one school, the first registration first, and nothing else', () => {
    const first = registration('a', { createdAt: 5 });
    const second = registration('b', { createdAt: 3, email: 'other@school.ru' });
    const third = registration('c', { createdAt: 9, schoolClass: '7 а' });
    const elsewhere = registration('d', { schoolId: 'school-b' });
    const alone = registration('e', { surname: 'Петров', name: 'Пётр' });
    const groups = duplicateGroups([first, second, third, elsewhere, alone]);
    expect(groups.map((g) => g.map((r) => r.id))).toEqual([['b', 'a', 'c']]);
  });

  it('refuses to merge a registration with itself, another school, another campaign or another student', () => {
    const a = registration('a');
    expect(mergeRefusal(a, registration('b'))).toBeUndefined();
    expect(mergeRefusal(a, a)).toBe('SAME_REGISTRATION');
    expect(mergeRefusal(a, registration('b', { schoolId: 'school-b' }))).toBe('OTHER_SCHOOL');
    expect(mergeRefusal(a, registration('b', { campaignId: 'campaign-0' }))).toBe('OTHER_CAMPAIGN');
    expect(mergeRefusal(a, registration('b', { surname: 'Петрова' }))).toBe('NOT_SAME_STUDENT');
  });
});

describe('a merge', () => {
  const kept = registration('kept');
  const retired = registration('retired', { createdAt: 2_000 });
  const completion = (id: string, participantId: string, step: number, at: number, value: string) => ({
    id,
    participantId,
    step,
    completedAt: at,
    answers: { q: value },
  });
  const answer = (participantId: string, step: number, itemId: string, value: string, at: number) => ({
    participantId,
    step,
    itemId,
    value,
    updatedAt: at,
  });

  it('keeps every step of both: the first completion of a step stands, the later one is history', () => {
    const plan = planMerge(
      record(kept, {
        completions: [completion('k1', 'kept', 1, 100, 'x'), completion('k2', 'kept', 2, 500, 'late')],
      }),
      record(retired, {
        completions: [completion('r2', 'retired', 2, 300, 'early'), completion('r3', 'retired', 3, 400, 'y')],
      }),
    );
    expect(plan.completions.map((c) => [c.step, c.id, c.participantId])).toEqual([
      [1, 'k1', 'kept'],
      [2, 'r2', 'kept'],
      [3, 'r3', 'kept'],
    ]);
    expect(plan.history.map((c) => [c.step, c.id, c.participantId])).toEqual([[2, 'k2', 'kept']]);
  });

  it('keeps every answer: a completed step shows its standing answers, an open one the later answer; the other is recorded', () => {
    const plan = planMerge(
      record(kept, {
        completions: [completion('k2', 'kept', 2, 500, 'late')],
        answers: [
          answer('kept', 2, 'q', 'late', 450),
          answer('kept', 4, 'q', 'older', 100),
          answer('kept', 5, 'q', 'k', 1),
        ],
      }),
      record(retired, {
        completions: [completion('r2', 'retired', 2, 300, 'early')],
        answers: [
          answer('retired', 2, 'q', 'early', 250),
          answer('retired', 4, 'q', 'newer', 200),
          answer('retired', 6, 'q', 'r', 1),
        ],
      }),
    );
    const value = (step: number) => plan.answers.find((a) => a.step === step)?.value;
    expect(value(2)).toBe('early');
    expect(value(4)).toBe('newer');
    expect(value(5)).toBe('k');
    expect(value(6)).toBe('r');
    expect(plan.answers.every((a) => a.participantId === 'kept')).toBe(true);
    expect(plan.supersededAnswers.map((a) => a.value).sort()).toEqual(['late', 'older']);
  });

  it('keeps one place of a code: the confirmed activation stays, the other is given up', () => {
    const activation = (
      id: string,
      participantId: string,
      status: 'confirmed' | 'waiting' | 'refused',
      at: number,
    ) => ({
      id,
      participantId,
      code: `CODE${id}`,
      schoolId: SCHOOL,
      leaseId: null,
      status,
      createdAt: at,
    });
    const waitingKept = planMerge(
      record(kept, { activation: activation('1', 'kept', 'waiting', 1) }),
      record(retired, { activation: activation('2', 'retired', 'confirmed', 9) }),
    );
    expect(waitingKept.activation).toMatchObject({ id: '2', participantId: 'kept', status: 'confirmed' });
    expect(waitingKept.releasedActivation).toMatchObject({ id: '1', status: 'waiting' });

    const bothConfirmed = planMerge(
      record(kept, { activation: activation('1', 'kept', 'confirmed', 5) }),
      record(retired, { activation: activation('2', 'retired', 'confirmed', 3) }),
    );
    expect(bothConfirmed.activation).toMatchObject({ id: '2', participantId: 'kept' });
    expect(bothConfirmed.releasedActivation).toMatchObject({ id: '1', status: 'confirmed' });

    const one = planMerge(record(kept), record(retired, { activation: activation('2', 'retired', 'refused', 3) }));
    expect(one.activation).toMatchObject({ id: '2', participantId: 'kept', status: 'refused' });
    expect(one.releasedActivation).toBeNull();
  });

  it('keeps the first certificate; a second one stays valid under its own serial', () => {
    const cert = (serial: string, participantId: string, at: number) => ({
      serial,
      participantId,
      campaignId: CAMPAIGN,
      name: 'Иванова Алёна',
      schoolName: 'Школа № 1',
      issuedAt: at,
    });
    const plan = planMerge(
      record(kept, { certificate: cert('S-2', 'kept', 20) }),
      record(retired, { certificate: cert('S-1', 'retired', 10) }),
    );
    expect(plan.certificate).toMatchObject({ serial: 'S-1', participantId: 'kept' });
    expect(plan.otherCertificate).toMatchObject({ serial: 'S-2', participantId: 'kept' });
    expect(planMerge(record(kept), record(retired)).certificate).toBeNull();
  });

  it('maps a late mutation of the retired registration to the kept one and leaves others alone', () => {
    const keptOf = new Map([['retired', 'kept']]);
    const m = { id: 'm1', args: { participantId: 'retired', step: 1 } };
    expect(forKeptRegistration(m, keptOf)).toEqual({ id: 'm1', args: { participantId: 'kept', step: 1 } });
    const other = { id: 'm2', args: { participantId: 'someone' } };
    expect(forKeptRegistration(other, keptOf)).toBe(other);
  });
});
