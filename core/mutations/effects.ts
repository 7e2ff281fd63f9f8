/** What an accepted mutation writes. Stores persist effects; the decision itself does no I/O. */
import type { ActivationRow, AnswerRow, CertificateRow, CompletionRow, ParticipantRow } from './rows.ts';

export type Effect =
  | { type: 'participant.insert'; row: ParticipantRow }
  | { type: 'activation.insert'; row: ActivationRow }
  | { type: 'answer.upsert'; row: AnswerRow }
  | { type: 'completion.insert'; row: CompletionRow }
  /** A later completion of a step that already stands: kept, but it changes nothing. */
  | { type: 'completion.history'; row: CompletionRow }
  | { type: 'certificate.insert'; row: CertificateRow }
  /** Another certificate already stands for the student: nothing to write, but tell the device. */
  | { type: 'certificate.stands'; row: CertificateRow };
