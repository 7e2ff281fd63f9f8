/** What every kiosk API handler gets: the host's store, sync engine, clock and sessions. */
import type { z } from 'zod';
import type { KioskApi, KioskChannel, KioskOutput } from '../../core/contracts/kiosk.ts';
import type { CorrectedClock } from './clock.ts';
import type { Sessions } from './sessions.ts';
import type { KioskStore } from './store/open.ts';
import type { SyncEngine } from './sync/engine.ts';

export interface HostSettings {
  autoLogoutMinutes: number;
  appVersion: string;
  instanceId: string;
  /** How long an online activation waits for the server's answer before showing «ждёт подтверждения». */
  onlineWaitMs: number;
  /** Prefills the enrolment form (SYNC_SERVER_URL). */
  defaultServerUrl: string | null;
}

export interface HostContext {
  store: KioskStore;
  clock: CorrectedClock;
  engine: SyncEngine;
  sessions: Sessions;
  settings: HostSettings;
  log(msg: string, extra?: object): void;
}

/** One call's session: the bridge passes the caller's token in and reads the (new) one back. */
export interface Call {
  sessionId: string | null;
}

export type Handler<C extends KioskChannel> = (
  input: z.output<KioskApi[C]['input']>,
  call: Call,
  host: HostContext,
) => Promise<KioskOutput<C>> | KioskOutput<C>;

export type Handlers = { [C in KioskChannel]: Handler<C> };
