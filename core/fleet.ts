/**
 * What technical support is alerted to about a classroom PC: silent for more than a day while it
 * still holds unsent changes, or a clock off by more than five minutes (campaign dates are
 * checked against server-corrected time, but a clock that far off is a PC to look at).
 */
export const SILENT_AFTER_MS = 24 * 3_600_000;
export const CLOCK_OFF_MS = 5 * 60_000;

export type DeviceAlert = 'silent' | 'clock';

export interface DeviceHealthFacts {
  revokedAt: number | null;
  lastSeenAt: number | null;
  pending: number | null;
  clockOffsetMs: number | null;
}

export function deviceAlerts(d: DeviceHealthFacts, now: number): DeviceAlert[] {
  if (d.revokedAt !== null) return [];
  const out: DeviceAlert[] = [];
  if ((d.pending ?? 0) > 0 && (d.lastSeenAt === null || now - d.lastSeenAt > SILENT_AFTER_MS)) out.push('silent');
  if (d.clockOffsetMs !== null && Math.abs(d.clockOffsetMs) > CLOCK_OFF_MS) out.push('clock');
  return out;
}
