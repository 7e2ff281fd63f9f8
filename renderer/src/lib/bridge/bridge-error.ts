import type { KioskError } from '../../../../core/contracts/kiosk.ts';

/** A refusal or failure from the kiosk API, carrying the Russian message the screen shows. */
export class BridgeError extends Error {
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(error: KioskError) {
    super(error.message);
    this.name = 'BridgeError';
    this.code = error.code;
    this.fields = error.fields ?? {};
  }
}

/** Turns anything thrown by a bridge call into a BridgeError the screens can show. */
export function asBridgeError(error: unknown, fallback: KioskError): BridgeError {
  if (error instanceof BridgeError) return error;
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; fields?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string') {
      const fields = e.fields && typeof e.fields === 'object' ? (e.fields as Record<string, string>) : undefined;
      return new BridgeError({ code: e.code, message: e.message, fields });
    }
  }
  return new BridgeError(fallback);
}
