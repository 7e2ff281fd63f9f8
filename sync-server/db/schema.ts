/** Row types of the central store, as Kysely sees them (see migrations/central). */
import type { Generated } from 'kysely';

export interface CampaignsTable {
  id: string;
  year: number;
  title: string;
  settings: string;
  active: number;
  created_at: number;
}
export interface SchoolsTable {
  id: string;
  region: string;
  locality: string;
  name: string;
  change_seq: Generated<number>;
  created_at: number;
}
export interface UsersTable {
  id: string;
  role: 'organizer' | 'coorganizer' | 'support';
  email: string;
  full_name: string;
  password_hash: string;
  school_id: string | null;
  created_at: number;
}
export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: number;
  created_at: number;
}
/** A one-time link to set a first password (migration 012_issue14). */
export interface PasswordLinksTable {
  token_hash: string;
  user_id: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}
/** A web participant's session (migration 004_issue12). */
export interface ParticipantSessionsTable {
  id: string;
  participant_id: string;
  expires_at: number;
  created_at: number;
}
export interface TariffsTable {
  id: string;
  campaign_id: string;
  school_id: string;
  participants: number;
  cost_kopecks: number;
  code: string;
  used: Generated<number>;
  reserved: Generated<number>;
  created_by: string;
  created_at: number;
}
export interface DevicesTable {
  id: string;
  school_id: string;
  name: string;
  credential_hash: string;
  instance_id: string;
  enrolled_at: number;
  revoked_at: number | null;
  last_seq: Generated<number>;
  last_seen_at: number | null;
  pending: number | null;
  oldest_pending_at: number | null;
  last_sync_at: number | null;
  last_error: string | null;
  clock_offset_ms: number | null;
  app_version: string | null;
  /** JSON array of the participants signed in at the PC, as its last health report said (migration 010). */
  signed_in: string | null;
}
export interface EnrollmentCodesTable {
  code_hash: string;
  school_id: string;
  created_by: string;
  expires_at: number;
  used_at: number | null;
  device_id: string | null;
}
export interface ParticipantsTable {
  id: string;
  school_id: string;
  campaign_id: string;
  surname: string;
  name: string;
  region: string;
  locality: string;
  school_name: string;
  school_class: string;
  gender: string;
  email: string;
  password_hash: string;
  consent_version: string;
  consent_at: number;
  parent_consent_by: string | null;
  parent_consent_how: string | null;
  parent_consent_at: number | null;
  parent_consent_received_at: number | null;
  created_at: number;
}
/** Every published version of a campaign's consent document, as published (issue 15). */
export interface ConsentVersionsTable {
  campaign_id: string;
  version: string;
  title: string;
  text: string;
  effective_from: string;
  published_at: number;
  published_by: string | null;
}
export interface ActivationsTable {
  id: string;
  participant_id: string;
  code: string;
  school_id: string;
  device_id: string | null;
  lease_id: string | null;
  status: string;
  created_at: number;
}
export interface AnswersTable {
  participant_id: string;
  step: number;
  item_id: string;
  value: string;
  updated_at: number;
}
export interface CompletionsTable {
  participant_id: string;
  step: number;
  id: string;
  answers: string;
  completed_at: number;
}
export interface CompletionHistoryTable {
  id: string;
  participant_id: string;
  step: number;
  answers: string;
  completed_at: number;
}
export interface LeasesTable {
  id: string;
  code: string;
  device_id: string;
  school_id: string;
  slots: number;
  used: Generated<number>;
  expires_at: number;
  released_at: number | null;
}
export interface MutationsTable {
  id: string;
  device_id: string | null;
  school_id: string;
  seq: number;
  name: string;
  hash: string;
  payload: string;
  status: 'accepted' | 'rejected' | 'parked';
  code: string | null;
  message: string | null;
  participant_id: string | null;
  received_at: number;
}
export interface MutationConflictsTable {
  id: string;
  mutation_id: string;
  device_id: string | null;
  hash: string;
  payload: string;
  received_at: number;
}
export interface ChangesTable {
  school_id: string;
  seq: number;
  entity: string;
  key: string;
  data: string;
}

/** A certificate the server issued: one per subject, kind and campaign (migration 002). */
export interface CertificatesTable {
  serial: string;
  kind: 'participant' | 'coorganizer';
  subject_id: string;
  campaign_id: string;
  name: string;
  school_name: string;
  issued_at: number;
  /** Set when its participant was erased (migration 014): kept for the accounting, naming no one. */
  erased_at: Generated<number | null>;
}

/** A participant erased on request or by retention: the bare id only (migration 014). */
export interface ErasedParticipantsTable {
  participant_id: string;
  erased_at: number;
  cause: 'request' | 'retention';
}

/** A participant signed in through the lookup at a school other than their own (migration 004). */
export interface ParticipantVisitsTable {
  participant_id: string;
  school_id: string;
  first_at: number;
}

/** Who changed what from the dashboard (migration 006_issue14_dashboard); details is JSON. */
export interface AuditLogTable {
  id: string;
  at: number;
  actor_id: string;
  actor_email: string;
  action: string;
  target: string;
  details: string;
}

/** A school's participant numbers in a campaign as of its change feed's `seq` (migration 006_issue14_dashboard). */
export interface SchoolStatsTable {
  campaign_id: string;
  school_id: string;
  seq: number;
  tariffs: number;
  places: number;
  money_kopecks: number;
  registered: number;
  activated: number;
  finished: number;
  certificates: number;
  funnel: string;
  computed_at: number;
}

/** A registration merged into another one of the same student (migration 011); details is JSON. */
export interface ParticipantMergesTable {
  retired_id: string;
  kept_id: string;
  school_id: string;
  campaign_id: string;
  retired_email: string;
  merged_by: string;
  merged_at: number;
  details: string;
}

/** A results export's state, written by the node building it (migration 016_issue14). */
export interface ResultsExportsTable {
  id: string;
  school_id: string;
  status: 'running' | 'ready' | 'failed';
  done: number;
  total: number;
  started_at: number;
  finished_at: number | null;
  updated_at: number;
  bytes: number | null;
  message: string | null;
  /** The building node's internal address (NODE_URL), where its archive is downloaded from. */
  node_url: string;
}
export interface CentralDB {
  campaigns: CampaignsTable;
  schools: SchoolsTable;
  users: UsersTable;
  sessions: SessionsTable;
  password_links: PasswordLinksTable;
  participant_sessions: ParticipantSessionsTable;
  tariffs: TariffsTable;
  devices: DevicesTable;
  enrollment_codes: EnrollmentCodesTable;
  participants: ParticipantsTable;
  activations: ActivationsTable;
  answers: AnswersTable;
  completions: CompletionsTable;
  completion_history: CompletionHistoryTable;
  leases: LeasesTable;
  mutations: MutationsTable;
  mutation_conflicts: MutationConflictsTable;
  changes: ChangesTable;
  certificates: CertificatesTable;
  participant_visits: ParticipantVisitsTable;
  audit_log: AuditLogTable;
  school_stats: SchoolStatsTable;
  participant_merges: ParticipantMergesTable;
  erased_participants: ErasedParticipantsTable;
  consent_versions: ConsentVersionsTable;
  server_secrets: { name: string; value: string };
  results_exports: ResultsExportsTable;
}
