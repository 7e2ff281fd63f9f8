/**
 * First start (and re-enrolment after a clone or a revocation): exchange the co-organizer's
 * enrollment code for a device credential, then pull the campaign, the content and the school's
 * data. Unsent mutations survive re-enrolment and go out under the new credential.
 */
import { kioskMessages } from '../../../core/messages/kiosk.ts';
import { KioskFault } from '../errors.ts';
import { deleteMeta, getMeta, setMeta } from '../store/meta.ts';
import type { KioskStore } from '../store/open.ts';
import { SyncApi, SyncRefused } from './api.ts';
import type { SyncEngine } from './engine.ts';
import { within } from './failure.ts';
import type { CorrectedClock } from '../clock.ts';

export interface EnrollInput {
  serverUrl: string;
  enrollmentCode: string;
  deviceName: string;
}

export interface EnrollDeps {
  store: KioskStore;
  engine: SyncEngine;
  clock: CorrectedClock;
  instanceId: string;
  appVersion: string;
}

/** How long the first pull may take before the screen gets an answer (it goes on in the background). */
const FIRST_SYNC_WAIT_MS = 15_000;

export async function enrollKiosk(d: EnrollDeps, input: EnrollInput): Promise<void> {
  const serverUrl = new URL(input.serverUrl).href.replace(/\/$/, '');
  const api = new SyncApi(serverUrl, () => undefined, d.clock);
  let res;
  try {
    res = await api.enroll({
      enrollmentCode: input.enrollmentCode,
      deviceName: input.deviceName,
      instanceId: d.instanceId,
      appVersion: d.appVersion,
    });
  } catch (err) {
    if (err instanceof SyncRefused) {
      throw new KioskFault(err.status === 403 ? 403 : 400, err.code, err.message || kioskMessages.ENROLL_OFFLINE, {
        enrollmentCode: err.message,
      });
    }
    throw new KioskFault(503, 'ENROLL_OFFLINE', kioskMessages.ENROLL_OFFLINE, {
      serverUrl: kioskMessages.ENROLL_OFFLINE,
    });
  }
  const previous = getMeta(d.store, 'enrollment');
  d.store.tx(() => {
    setMeta(d.store, 'enrollment', {
      deviceId: res.deviceId,
      credential: res.credential,
      schoolId: res.schoolId,
      serverUrl,
      deviceName: input.deviceName,
      school: res.school ?? (previous?.schoolId === res.schoolId ? previous.school : null),
      enrolledAt: d.clock.now(),
    });
    // Another school's feed has its own cursor; this school's rows are simply upserted again.
    if (previous?.schoolId !== res.schoolId) setMeta(d.store, 'cursor', 0);
    setMeta(d.store, 'clockOffsetMs', d.clock.offsetMs());
    deleteMeta(d.store, 'lost');
  });
  d.engine.start();
  await within(d.engine.syncNow(), FIRST_SYNC_WAIT_MS, false);
}
