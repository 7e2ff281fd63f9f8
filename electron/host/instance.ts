/**
 * The installation's identity for clone detection. School PCs are imaged: a copied disk carries
 * our store, credential and instanceId to another machine. The id is tied to a fingerprint of the
 * machine (host name and network cards), so a copy running elsewhere makes itself a new id, and
 * the server, seeing one credential with two instance ids, can refuse the copy and have it re-enrol.
 */
import { createHash } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { uuidv7 } from '../../core/ids.ts';
import type { KioskStore } from './store/open.ts';

export function machineFingerprint(): string {
  const macs = Object.values(networkInterfaces())
    .flat()
    .filter((n) => n && !n.internal && n.mac !== '00:00:00:00:00:00')
    .map((n) => n!.mac)
    .sort();
  return createHash('sha256')
    .update([hostname(), ...new Set(macs)].join('|'))
    .digest('base64url');
}

interface Instance {
  id: string;
  fingerprint: string;
}

export function ensureInstanceId(store: KioskStore, fingerprint = machineFingerprint()): string {
  const row = store.first(store.q.selectFrom('meta').select('value').where('key', '=', 'instance'));
  const current = row ? (JSON.parse(row.value) as Instance) : undefined;
  if (current && current.fingerprint === fingerprint) return current.id;
  const next: Instance = { id: uuidv7(), fingerprint };
  const value = JSON.stringify(next);
  store.run(
    store.q
      .insertInto('meta')
      .values({ key: 'instance', value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  );
  return next.id;
}
