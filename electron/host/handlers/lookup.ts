/**
 * A student registered on another PC (or on the web) signs in here: the server checks the
 * password and hands over their record, which is stored like pulled changes.
 */
import { reject } from '../../../core/errors.ts';
import type { ParticipantRow } from '../../../core/mutations/rows.ts';
import type { HostContext } from '../context.ts';
import { KioskFault } from '../errors.ts';
import { applyChange } from '../store/pull-apply.ts';
import { SyncRefused } from '../sync/api.ts';
import { NetworkError } from '../sync/transport.ts';

export async function fetchParticipant(
  host: HostContext,
  email: string,
  password: string,
): Promise<ParticipantRow | undefined> {
  if (!host.engine.enrollment()) return undefined;
  let found;
  try {
    found = await host.engine.api().lookupParticipant(email, password);
  } catch (err) {
    if (err instanceof NetworkError || (err instanceof SyncRefused && err.status >= 500)) {
      throw KioskFault.of(503, 'LOGIN_OFFLINE');
    }
    if (err instanceof SyncRefused && err.code === 'REGISTRATION_MERGED') {
      throw KioskFault.rejected(reject('REGISTRATION_MERGED'), { email: reject('REGISTRATION_MERGED').message });
    }
    throw err;
  }
  if (!found) return undefined;
  const { store } = host;
  store.tx(() => {
    applyChange(store, { entity: 'participant', data: found.participant, seq: 0 });
    if (found.activation) applyChange(store, { entity: 'activation', data: found.activation, seq: 0 });
    for (const a of found.answers) applyChange(store, { entity: 'answer', data: a, seq: 0 });
    for (const c of found.completions) applyChange(store, { entity: 'completion', data: c, seq: 0 });
  });
  return found.participant;
}
