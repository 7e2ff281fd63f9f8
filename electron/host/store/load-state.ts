/** Loads the slice of the kiosk store one mutation's decision needs (see core/mutations/state.ts). */
import { DomainState, refsOf } from '../../../core/mutations/state.ts';
import type { CertificateRow } from '../../../core/mutations/rows.ts';
import type { Mutation } from '../../../core/mutations/schemas.ts';
import type { KioskStore } from './open.ts';
import { activationOf, completionsOf, participantById, participantsByEmail } from './rows.ts';

export interface DeviceRef {
  deviceId: string;
  schoolId: string;
}

export function loadState(store: KioskStore, m: Mutation, device: DeviceRef): DomainState {
  const refs = refsOf([m]);
  const state = new DomainState();
  for (const id of refs.participantIds) {
    const p = participantById(store, id);
    if (p) state.addParticipant(p);
    // Only what the decision reads: an answer save (the hot path) needs neither of these.
    const a = refs.activations ? activationOf(store, id) : undefined;
    // A refused activation does not count: the student may enter another code.
    if (a && a.status !== 'rejected') {
      const { message: _m, ...row } = a;
      state.activations.set(id, { ...row, status: a.status });
    }
    if (refs.completions) for (const c of completionsOf(store, id)) state.completions.set(`${id}:${c.step}`, c);
  }
  // Only issuing a certificate reads certificates (refs.serials is empty otherwise).
  for (const id of refs.serials.size ? refs.participantIds : []) {
    const c = store.first(store.q.selectFrom('certificates').select('data').where('participant_id', '=', id));
    if (c) state.addCertificate(JSON.parse(c.data) as CertificateRow);
  }
  for (const serial of refs.serials) {
    if (store.first(store.q.selectFrom('certificates').select('serial').where('serial', '=', serial)))
      state.takenSerials.add(serial);
  }
  for (const email of refs.emails) {
    for (const p of participantsByEmail(store, email)) state.participantByEmail.set(email, p.id);
  }
  for (const code of refs.codes) {
    const c = store.first(store.q.selectFrom('codes').selectAll().where('code', '=', code));
    // Capacity is the server's business; the kiosk only needs to know the code exists.
    if (c) {
      state.codes.set(code, {
        code,
        tariffId: c.tariff_id,
        schoolId: device.schoolId,
        campaignId: c.campaign_id,
        capacity: c.capacity,
        used: 0,
        reserved: 0,
        waiting: 0,
      });
    }
  }
  for (const id of refs.leaseIds) {
    const l = store.first(store.q.selectFrom('leases').selectAll().where('id', '=', id));
    if (l) {
      state.leases.set(id, {
        id,
        code: l.code,
        deviceId: device.deviceId,
        slots: l.slots,
        used: l.used,
        expiresAt: l.expires_at,
        releasedAt: null,
      });
    }
  }
  return state;
}
