/**
 * The records that mutations create, in the shape both stores keep and the change feed carries.
 * Times are epoch milliseconds (server-corrected on kiosks).
 */
import type { ParentConsentFields } from '../consent.ts';
import type { AnswerValue, ParticipantProfile } from './schemas.ts';

export interface ParticipantRow extends ParticipantProfile, ParentConsentFields {
  id: string;
  schoolId: string;
  campaignId: string;
  passwordHash: string;
  consentVersion: string;
  consentAt: number;
  createdAt: number;
}

/**
 * confirmed: the server gave it a place of the code. leased: a kiosk activated from its lease (the
 * server will confirm; the slot is already reserved). pending: made on a kiosk without a lease,
 * not yet judged by the server. waiting: judged by the server, but every unused place of the code
 * is held by other PCs' leases; it is confirmed as soon as one comes back. refused: the code's
 * confirmed activations reached its capacity; another tariff of the school confirms it.
 */
export type ActivationStatus = 'confirmed' | 'leased' | 'pending' | 'waiting' | 'refused';

export interface ActivationRow {
  id: string;
  participantId: string;
  code: string;
  schoolId: string;
  leaseId: string | null;
  status: ActivationStatus;
  createdAt: number;
}

export interface CodeRow {
  code: string;
  tariffId: string;
  schoolId: string;
  campaignId: string;
  capacity: number;
  /** Accepted activations. */
  used: number;
  /** Slots held by outstanding device leases (granted minus used). */
  reserved: number;
  /** Activations judged by the server that wait for a place (not counted in `used`). */
  waiting: number;
}

export interface LeaseRow {
  id: string;
  code: string;
  deviceId: string;
  slots: number;
  used: number;
  expiresAt: number;
  releasedAt: number | null;
}

export interface AnswerRow {
  participantId: string;
  step: number;
  itemId: string;
  value: AnswerValue;
  updatedAt: number;
}

export interface CompletionRow {
  id: string;
  participantId: string;
  step: number;
  answers: Record<string, AnswerValue>;
  completedAt: number;
}

/** A participant certificate: name and school frozen as printed. */
export interface CertificateRow {
  serial: string;
  participantId: string;
  campaignId: string;
  name: string;
  schoolName: string;
  issuedAt: number;
}
