/** Translation between the central store's columns and the domain's row shapes. */
import type { Selectable } from 'kysely';
import type { ParentConsentWay } from '../../core/consent.ts';
import type { ActivationRow, ParticipantRow } from '../../core/mutations/rows.ts';
import type { ActivationStatus } from '../../core/mutations/rows.ts';
import type { ParticipantProfile } from '../../core/mutations/schemas.ts';
import type { ActivationsTable, ParticipantsTable } from '../db/schema.ts';

export function participantFromDb(r: Selectable<ParticipantsTable>): ParticipantRow {
  return {
    id: r.id,
    schoolId: r.school_id,
    campaignId: r.campaign_id,
    surname: r.surname,
    name: r.name,
    region: r.region,
    locality: r.locality,
    schoolName: r.school_name,
    schoolClass: r.school_class,
    gender: r.gender as ParticipantProfile['gender'],
    email: r.email,
    passwordHash: r.password_hash,
    consentVersion: r.consent_version,
    consentAt: r.consent_at,
    parentConsentBy: r.parent_consent_by,
    parentConsentHow: r.parent_consent_how as ParentConsentWay | null,
    parentConsentAt: r.parent_consent_at,
    parentConsentReceivedAt: r.parent_consent_received_at,
    createdAt: r.created_at,
  };
}

export function participantToDb(p: ParticipantRow): Selectable<ParticipantsTable> {
  return {
    id: p.id,
    school_id: p.schoolId,
    campaign_id: p.campaignId,
    surname: p.surname,
    name: p.name,
    region: p.region,
    locality: p.locality,
    school_name: p.schoolName,
    school_class: p.schoolClass,
    gender: p.gender,
    email: p.email,
    password_hash: p.passwordHash,
    consent_version: p.consentVersion,
    consent_at: p.consentAt,
    parent_consent_by: p.parentConsentBy ?? null,
    parent_consent_how: p.parentConsentHow ?? null,
    parent_consent_at: p.parentConsentAt ?? null,
    parent_consent_received_at: p.parentConsentReceivedAt ?? null,
    created_at: p.createdAt,
  };
}

export function activationFromDb(r: Selectable<ActivationsTable>): ActivationRow {
  return {
    id: r.id,
    participantId: r.participant_id,
    code: r.code,
    schoolId: r.school_id,
    leaseId: r.lease_id,
    status: r.status as ActivationStatus,
    createdAt: r.created_at,
  };
}
