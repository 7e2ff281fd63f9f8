/** Row types of the kiosk store, as Kysely sees them (see migrations/kiosk). */
import type { Generated } from 'kysely';

export interface KioskDB {
  meta: { key: string; value: string };
  participants: { id: string; email: string; data: string };
  activations: {
    participant_id: string;
    id: string;
    code: string;
    school_id: string;
    lease_id: string | null;
    /** refused: the code is full (a new tariff of the school confirms it); rejected: never valid. */
    status: 'confirmed' | 'leased' | 'pending' | 'waiting' | 'refused' | 'rejected';
    message: string | null;
    created_at: number;
  };
  answers: { participant_id: string; step: number; item_id: string; value: string; updated_at: number };
  completions: { participant_id: string; step: number; id: string; answers: string; completed_at: number };
  codes: { code: string; tariff_id: string; campaign_id: string; capacity: number };
  leases: { id: string; code: string; slots: number; used: number; expires_at: number };
  outbox: {
    seq: Generated<number>;
    id: string;
    name: string;
    args: string;
    at: number;
    participant_id: string;
    row_key: string;
    lease_id: string | null;
  };
  certificates: { participant_id: string; serial: string; data: string };
  deferred_changes: { row_key: string; seq: number; entity: string; data: string };
  notices: {
    id: string;
    participant_id: string | null;
    mutation_id: string;
    code: string;
    message: string;
    at: number;
  };
}
