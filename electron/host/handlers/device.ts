/** The kiosk itself: its status (enrolment, sync health) and enrolment with the central server. */
import type { KioskStatus } from '../../../core/contracts/kiosk.ts';
import type { Handler, HostContext } from '../context.ts';
import { getMeta } from '../store/meta.ts';
import { enrollKiosk } from '../sync/enroll.ts';

export function kioskStatus(host: HostContext): KioskStatus {
  const enrollment = getMeta(host.store, 'enrollment');
  const lost = getMeta(host.store, 'lost');
  const sync = host.engine.status();
  return {
    // A refused credential means re-enrolment: the screen shows the enrolment form again.
    enrolled: !!enrollment && !lost,
    school: enrollment?.school ?? null,
    campaignTitle: getMeta(host.store, 'campaign')?.title ?? null,
    sync: lost ? { ...sync, lastError: lost.message } : sync,
    autoLogoutMinutes: host.settings.autoLogoutMinutes,
    serverUrl: enrollment?.serverUrl ?? host.settings.defaultServerUrl,
  };
}

export const status: Handler<'status'> = (_input, _call, host) => kioskStatus(host);

export const enroll: Handler<'enroll'> = async (input, _call, host) => {
  const { store, engine, clock, sessions, settings } = host;
  await enrollKiosk(
    { store, engine, clock, sessions, instanceId: settings.instanceId, appVersion: settings.appVersion },
    input,
  );
  return kioskStatus(host);
};
