/**
 * The name of the local row a mutation or a pulled change touches. A pulled change is held back
 * while its row still has unsent local mutations, so the student's newer work is not overwritten.
 */
import type { MutationBody } from '../../../core/mutations/schemas.ts';

export const rowKey = {
  participant: (id: string) => `participant:${id}`,
  activation: (participantId: string) => `activation:${participantId}`,
  answer: (participantId: string, step: number, itemId: string) => `answer:${participantId}:${step}:${itemId}`,
  completion: (participantId: string, step: number) => `completion:${participantId}:${step}`,
  lease: (id: string) => `lease:${id}`,
  certificate: (participantId: string) => `certificate:${participantId}`,
};

export function rowKeyOf(m: MutationBody): string {
  switch (m.name) {
    case 'participant.register':
      return rowKey.participant(m.args.participantId);
    case 'code.activate':
      return rowKey.activation(m.args.participantId);
    case 'answer.save':
      return rowKey.answer(m.args.participantId, m.args.step, m.args.itemId);
    case 'step.complete':
      return rowKey.completion(m.args.participantId, m.args.step);
    case 'certificate.issue':
      return rowKey.certificate(m.args.participantId);
  }
}
