/**
 * The slice of stored state a batch of mutations needs, loaded in bulk by a store before the
 * batch and updated in memory as each mutation is decided, so later mutations in the same
 * batch see earlier ones without a round trip per mutation.
 */
import type { ActivationRow, CertificateRow, CodeRow, CompletionRow, LeaseRow, ParticipantRow } from './rows.ts';
import type { Effect } from './effects.ts';
import type { Mutation } from './schemas.ts';

/** What a store must load for a batch. */
export interface StateRefs {
  participantIds: Set<string>;
  emails: Set<string>;
  codes: Set<string>;
  leaseIds: Set<string>;
  /** Whether the batch needs participants' activations / step completions at all. */
  activations: boolean;
  completions: boolean;
  /** Serials a batch wants to issue (to check they are free). */
  serials: Set<string>;
  /** Ids the batch's rows would take (to check no other row has them). */
  completionIds: Set<string>;
  activationIds: Set<string>;
}

export function refsOf(mutations: readonly Mutation[]): StateRefs {
  const refs: StateRefs = {
    participantIds: new Set(),
    emails: new Set(),
    codes: new Set(),
    leaseIds: new Set(),
    activations: false,
    completions: false,
    serials: new Set(),
    completionIds: new Set(),
    activationIds: new Set(),
  };
  for (const m of mutations) {
    refs.participantIds.add(m.args.participantId);
    if (m.name === 'participant.register') refs.emails.add(m.args.profile.email);
    if (m.name === 'step.complete') {
      refs.completions = true;
      refs.completionIds.add(m.args.completionId);
    }
    if (m.name === 'certificate.issue') {
      // A certificate needs every step done and a confirmed activation.
      refs.completions = true;
      refs.activations = true;
      refs.serials.add(m.args.serial);
    }
    if (m.name === 'code.activate') {
      refs.activations = true;
      refs.codes.add(m.args.code);
      refs.activationIds.add(m.args.activationId);
      if (m.args.leaseId) refs.leaseIds.add(m.args.leaseId);
    }
  }
  return refs;
}

export class DomainState {
  readonly participants = new Map<string, ParticipantRow>();
  readonly participantByEmail = new Map<string, string>();
  /** Keyed by participant: a participant activates at most once. */
  readonly activations = new Map<string, ActivationRow>();
  readonly codes = new Map<string, CodeRow>();
  readonly leases = new Map<string, LeaseRow>();
  /** Keyed `${participantId}:${step}`: the completion that stands. */
  readonly completions = new Map<string, Pick<CompletionRow, 'id' | 'completedAt'>>();

  /** Keyed by participant: the certificate that stands. */
  readonly certificates = new Map<string, CertificateRow>();
  /** Serials already issued to anyone. */
  readonly takenSerials = new Set<string>();

  /** Completion ids already kept (standing or history), with whose step they are. */
  readonly completionIds = new Map<string, { participantId: string; step: number }>();
  /** Activation ids already kept, with whose activation they are. */
  readonly activationIds = new Map<string, string>();
  /**
   * Schools where a participant of another school signed in through the lookup (a student who
   * moved), keyed `${participantId}@${schoolId}`: that school's devices may act for them. Loaded by
   * the server only.
   */
  readonly visits = new Set<string>();

  hasVisited(participantId: string, schoolId: string): boolean {
    return this.visits.has(`${participantId}@${schoolId}`);
  }

  addCertificate(c: CertificateRow): void {
    this.certificates.set(c.participantId, c);
    this.takenSerials.add(c.serial);
  }

  /** A state holding only these participants (enough to decide answers). */
  static of(participants: Iterable<ParticipantRow>): DomainState {
    const state = new DomainState();
    for (const p of participants) state.addParticipant(p);
    return state;
  }

  addParticipant(p: ParticipantRow): void {
    this.participants.set(p.id, p);
    this.participantByEmail.set(p.email, p.id);
  }

  completionOf(participantId: string, step: number) {
    return this.completions.get(`${participantId}:${step}`);
  }

  /** Folds an accepted mutation's effect into the batch's view. */
  apply(e: Effect): void {
    switch (e.type) {
      case 'participant.insert':
        this.addParticipant(e.row);
        break;
      case 'activation.insert': {
        // A new activation replaces a waiting or refused one, which held no place.
        const before = this.activations.get(e.row.participantId);
        if (before?.status === 'waiting') {
          const old = this.codes.get(before.code);
          if (old) old.waiting = Math.max(0, old.waiting - 1);
        }
        this.activations.set(e.row.participantId, e.row);
        this.activationIds.set(e.row.id, e.row.participantId);
        const code = this.codes.get(e.row.code);
        const lease = e.row.leaseId ? this.leases.get(e.row.leaseId) : undefined;
        if (lease) {
          lease.used += 1;
          if (code) code.reserved = Math.max(0, code.reserved - 1);
        }
        if (!code) break;
        if (e.row.status === 'confirmed' || e.row.status === 'leased') code.used += 1;
        if (e.row.status === 'waiting') code.waiting += 1;
        break;
      }
      case 'completion.insert':
        this.completions.set(`${e.row.participantId}:${e.row.step}`, e.row);
        this.completionIds.set(e.row.id, { participantId: e.row.participantId, step: e.row.step });
        break;
      case 'completion.history':
        this.completionIds.set(e.row.id, { participantId: e.row.participantId, step: e.row.step });
        break;
      case 'certificate.insert':
        this.addCertificate(e.row);
        break;
      case 'answer.upsert':
      case 'certificate.stands':
        break;
    }
  }
}
