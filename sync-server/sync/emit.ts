/** Turns a batch's accepted effects into change-feed rows for each school that must see them. */
import type { Transaction } from 'kysely';
import type { Effect } from '../../core/mutations/effects.ts';
import type { DomainState } from '../../core/mutations/state.ts';
import { WEB_SCHOOL_ID } from '../../core/web.ts';
import type { CentralDB } from '../db/schema.ts';
import { appendSchoolChanges, type NewChange } from './changes.repository.ts';

export async function emitChanges(
  trx: Transaction<CentralDB>,
  state: DomainState,
  effects: readonly Effect[],
): Promise<Set<string>> {
  const bySchool = new Map<string, NewChange[]>();
  const add = (schoolId: string | undefined, c: NewChange) => {
    // Nobody pulls the web participants' row (core/web.ts): its students are fetched at sign-in.
    if (!schoolId || schoolId === WEB_SCHOOL_ID) return;
    let list = bySchool.get(schoolId);
    if (!list) bySchool.set(schoolId, (list = []));
    list.push(c);
  };
  const schoolOf = (participantId: string) => state.participants.get(participantId)?.schoolId;
  for (const e of effects) {
    switch (e.type) {
      case 'participant.insert':
        add(e.row.schoolId, { entity: 'participant', key: e.row.id, data: e.row });
        break;
      case 'activation.insert': {
        const c = { entity: 'activation' as const, key: e.row.participantId, data: e.row };
        const home = schoolOf(e.row.participantId);
        add(home, c);
        // The code's school sees who used its code, even when the student registered elsewhere.
        if (e.row.schoolId !== home) add(e.row.schoolId, c);
        break;
      }
      case 'answer.upsert':
        add(schoolOf(e.row.participantId), {
          entity: 'answer',
          key: `${e.row.participantId}:${e.row.step}:${e.row.itemId}`,
          data: e.row,
        });
        break;
      case 'completion.insert':
        add(schoolOf(e.row.participantId), {
          entity: 'completion',
          key: `${e.row.participantId}:${e.row.step}`,
          data: e.row,
        });
        break;
      case 'certificate.insert':
      case 'certificate.stands':
        add(schoolOf(e.row.participantId), { entity: 'certificate', key: e.row.participantId, data: e.row });
        break;
      case 'completion.history':
        break;
    }
  }
  for (const [schoolId, changes] of [...bySchool].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await appendSchoolChanges(trx, schoolId, changes);
  }
  return new Set(bySchool.keys());
}
