/**
 * Why a mutation or a request is refused: a stable code for programs, a Russian sentence for
 * people (from the message catalog) saying what happened and what to do next.
 */
import { rejectionMessages } from './messages/rejections.ts';

export type RejectionCode = keyof typeof rejectionMessages;

export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
}

/** The registration form's field a refusal of «Регистрация» belongs under. */
export function registrationRefusalField(code: string): string | undefined {
  if (code === 'EMAIL_TAKEN') return 'profile.email';
  if (code === 'PARENT_CONSENT_MISSING') return 'parentConsent.by';
  return undefined;
}

export function reject(code: RejectionCode, detail?: string): Rejection {
  const base = rejectionMessages[code];
  return { code, message: detail ? `${base} ${detail}` : base };
}
