/**
 * The kiosk's main logic without any window or server: store, clock, sessions, sync engine and
 * the API router. The Electron shell and browser mode both start exactly this.
 */
import { CorrectedClock } from './clock.ts';
import type { HostContext } from './context.ts';
import { lockDataDir, type DataDirLock } from './data-lock.ts';
import { handlers } from './handlers/index.ts';
import { ensureInstanceId } from './instance.ts';
import { createRouter, type Dispatch } from './router.ts';
import { Sessions } from './sessions.ts';
import { getMeta } from './store/meta.ts';
import { startIdleCheckpoints } from './store/checkpoint.ts';
import { openKioskStore } from './store/open.ts';
import { enrollKiosk } from './sync/enroll.ts';
import { SyncEngine } from './sync/engine.ts';

export const APP_VERSION = '0.1.0';

export interface KioskCoreOptions {
  dataDir: string;
  /** Unattended enrolment: with both set, a kiosk that is not enrolled enrols itself at start. */
  serverUrl?: string | undefined;
  enrollmentCode?: string | undefined;
  deviceName?: string | undefined;
  autoLogoutMinutes?: number;
  onlineWaitMs?: number;
  /** Which page may call the API (the IPC bridge passes the sender frame's URL). */
  trustSender: (url: URL) => boolean;
  log?: (msg: string, extra?: object) => void;
  /** Sync rounds when idle; tests shorten it. */
  idleSyncMs?: number;
  /** How long a push or pull may take before the link counts as down; tests shorten it. */
  syncTimeoutMs?: number;
  /** The machine's fingerprint (instance.ts); tests pass one to play a cloned PC. */
  fingerprint?: string;
}

export interface KioskCore {
  host: HostContext;
  dispatch: Dispatch;
  /** This host's hold on its data folder (data-lock.ts), released by close(). */
  dataLock: DataDirLock;
  close(): Promise<void>;
}

/** Throws DataDirInUse when another host, in this process or another, has the data folder. */
export async function startKioskCore(o: KioskCoreOptions): Promise<KioskCore> {
  // Before the store is opened: a second host must not even run the migrations.
  const dataLock = lockDataDir(o.dataDir);
  try {
    return await startOnLockedDir(o, dataLock);
  } catch (err) {
    dataLock.release();
    throw err;
  }
}

async function startOnLockedDir(o: KioskCoreOptions, dataLock: DataDirLock): Promise<KioskCore> {
  const log = o.log ?? ((msg: string, extra?: object) => console.log(JSON.stringify({ msg, ...extra })));
  const store = await openKioskStore(o.dataDir);
  const stopCheckpoints = startIdleCheckpoints(store);
  const instanceId = ensureInstanceId(store, o.fingerprint);
  const clock = new CorrectedClock(getMeta(store, 'clockOffsetMs') ?? 0);
  const autoLogoutMinutes = o.autoLogoutMinutes ?? 10;
  const sessions = new Sessions(autoLogoutMinutes * 60_000);
  const engine = new SyncEngine({
    store,
    clock,
    instanceId,
    appVersion: APP_VERSION,
    log,
    idleMs: o.idleSyncMs ?? 30_000,
    ...(o.syncTimeoutMs ? { exchangeTimeoutMs: o.syncTimeoutMs } : {}),
    signedIn: () => sessions.participants(),
  });
  const host: HostContext = {
    store,
    clock,
    engine,
    sessions,
    log,
    settings: {
      autoLogoutMinutes,
      appVersion: APP_VERSION,
      instanceId,
      onlineWaitMs: o.onlineWaitMs ?? 4_000,
      defaultServerUrl: o.serverUrl ?? null,
    },
  };
  engine.start();
  let enrolling: Promise<void> = Promise.resolve();
  if (o.serverUrl && o.enrollmentCode && !engine.enrollment()) {
    const input = { serverUrl: o.serverUrl, enrollmentCode: o.enrollmentCode, deviceName: o.deviceName ?? 'Киоск' };
    enrolling = enrollKiosk({ store, engine, clock, sessions, instanceId, appVersion: APP_VERSION }, input).then(
      () => log('kiosk enrolled unattended', { serverUrl: o.serverUrl }),
      (err: unknown) => log('unattended enrolment failed', { err: err instanceof Error ? err.message : String(err) }),
    );
  }
  return {
    host,
    dispatch: createRouter(handlers, host, { trustSender: o.trustSender }),
    dataLock,
    close: async () => {
      try {
        await enrolling;
        await engine.close();
        sessions.close();
        stopCheckpoints();
        store.close();
      } finally {
        dataLock.release();
      }
    },
  };
}
