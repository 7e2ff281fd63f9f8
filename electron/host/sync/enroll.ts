/**
 * First start (and re-enrolment after a clone or a revocation): exchange the co-organizer's
 * enrollment code for a device credential, then pull the campaign, the content and the school's
 * data. Unsent mutations survive re-enrolment to the same school and go out under the new
 * credential. A move to another school first sends what it can under the old credential; the
 * server files a registration under the sending device's school, so unsent changes refuse the
 * move, and once none are left the old school's rows are forgotten (forget-school.ts).
 */
import { enrollUnsentMessage, kioskMessages } from '../../../core/messages/kiosk.ts';
import { KioskFault } from '../errors.ts';
import { forgetSchool, wipeJournal } from '../store/forget-school.ts';
import { deleteMeta, getMeta, setMeta } from '../store/meta.ts';
import type { KioskStore } from '../store/open.ts';
import { outboxStats } from '../store/outbox.ts';
import type { Sessions } from '../sessions.ts';
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
  sessions: Sessions;
  instanceId: string;
  appVersion: string;
}

/** How long the first pull may take before the screen gets an answer (it goes on in the background). */
const FIRST_SYNC_WAIT_MS = 15_000;

export async function enrollKiosk(d: EnrollDeps, input: EnrollInput): Promise<void> {
  const previous = getMeta(d.store, 'enrollment');
  // Whatever the old credential can still deliver goes now, before a code for another school.
  if (previous && !getMeta(d.store, 'lost') && outboxStats(d.store).pending > 0) {
    await within(d.engine.syncNow(), FIRST_SYNC_WAIT_MS, false);
  }
  const serverUrl = new URL(input.serverUrl).href.replace(/\/$/, '');
  const api = new SyncApi(serverUrl, () => undefined, d.clock);
  const unsent = outboxStats(d.store).pending;
  const refuseUnsent = (pending: number) => {
    const message = enrollUnsentMessage(pending, previous?.school?.name ?? null, !!getMeta(d.store, 'lost'));
    return new KioskFault(409, 'ENROLL_UNSENT', message, { enrollmentCode: message });
  };
  let res;
  try {
    res = await api.enroll({
      enrollmentCode: input.enrollmentCode,
      deviceName: input.deviceName,
      instanceId: d.instanceId,
      appVersion: d.appVersion,
      // The server refuses another school's code before using it up while these wait.
      ...(previous && unsent > 0 ? { unsent: { schoolId: previous.schoolId, changes: unsent } } : {}),
    });
  } catch (err) {
    if (err instanceof SyncRefused && err.code === 'ENROLL_UNSENT') throw refuseUnsent(unsent);
    if (err instanceof SyncRefused) {
      throw new KioskFault(err.status === 403 ? 403 : 400, err.code, err.message || kioskMessages.ENROLL_OFFLINE, {
        enrollmentCode: err.message,
      });
    }
    throw new KioskFault(503, 'ENROLL_OFFLINE', kioskMessages.ENROLL_OFFLINE, {
      serverUrl: kioskMessages.ENROLL_OFFLINE,
    });
  }
  const moved = await d.engine.between(() => {
    const before = getMeta(d.store, 'enrollment');
    const toAnother = !!before && before.schoolId !== res.schoolId;
    const { pending } = outboxStats(d.store);
    // Changes made while the server was answering (or a server that ignores `unsent`).
    if (toAnother && pending > 0) throw refuseUnsent(pending);
    d.store.tx(() => {
      if (toAnother) forgetSchool(d.store);
      setMeta(d.store, 'enrollment', {
        deviceId: res.deviceId,
        credential: res.credential,
        schoolId: res.schoolId,
        serverUrl,
        ...(res.certificateUrl ? { certificateUrl: res.certificateUrl } : {}),
        deviceName: input.deviceName,
        school: res.school ?? (before?.schoolId === res.schoolId ? before.school : null),
        enrolledAt: d.clock.now(),
      });
      // Another school's feed has its own cursor; this school's rows are simply upserted again.
      if (before?.schoolId !== res.schoolId) setMeta(d.store, 'cursor', 0);
      setMeta(d.store, 'clockOffsetMs', d.clock.offsetMs());
      deleteMeta(d.store, 'lost');
    });
    return toAnother;
  });
  if (moved) {
    wipeJournal(d.store);
    d.sessions.endAll();
  }
  d.engine.start();
  await within(d.engine.syncNow(), FIRST_SYNC_WAIT_MS, false);
}
