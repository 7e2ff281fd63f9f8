/** What a failed sync call means for the kiosk, and the Russian line its status bar shows. */
import { kioskMessages } from '../../../core/messages/kiosk.ts';
import { SyncRefused } from './api.ts';
import { NetworkError } from './transport.ts';

export type Failure =
  /** The credential is refused (revoked, unknown, cloned): only re-enrolment helps. */
  | { kind: 'lost'; code: string; message: string }
  /** No answer, or the server is down or busy: retry with back-off. */
  | { kind: 'offline'; message: string }
  /** The server answered but refused for another reason (a bug, a bad answer): retry, and log it. */
  | { kind: 'refused'; message: string };

export function classify(err: unknown): Failure {
  if (err instanceof SyncRefused && err.deviceLost) {
    return { kind: 'lost', code: err.code, message: err.message || kioskMessages.DEVICE_LOST };
  }
  if (err instanceof NetworkError) return { kind: 'offline', message: kioskMessages.SYNC_OFFLINE };
  if (err instanceof SyncRefused && (err.status >= 500 || err.status === 429)) {
    return { kind: 'offline', message: err.message || kioskMessages.SYNC_SERVER_ERROR };
  }
  return { kind: 'refused', message: err instanceof Error ? err.message : String(err) };
}

/** `work`, or `fallback` once `ms` have passed (the work itself goes on). */
export async function within<T, F>(work: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((r) => (timer = setTimeout(() => r(fallback), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
