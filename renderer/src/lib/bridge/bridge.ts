/**
 * The one way screens reach the kiosk API: Electron's preload object when present; on a page the
 * central server served, the server's participant API (web-bridge.ts); otherwise the browser-mode
 * host over its WebSocket (HTTP while the socket is not open).
 * Every output is checked against the contract's schema, so a screen never draws malformed data.
 */
import {
  kioskApi,
  type KioskBridge,
  type KioskChannel,
  type KioskInput,
  type KioskOutput,
} from '../../../../core/contracts/kiosk.ts';
import { screenMessages as m } from '../../../../core/messages/screens.ts';
import { asBridgeError, BridgeError } from './bridge-error.ts';
import { servedByServer } from '../host.ts';
import { SocketBridge } from './socket-bridge.ts';
import { WebBridge } from './web-bridge.ts';

declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

/** Refusals that mean the host no longer knows the student (idle expiry, a restarted host). */
const SESSION_LOST = new Set(['SESSION_EXPIRED', 'NOT_SIGNED_IN']);

class CheckedBridge implements KioskBridge {
  readonly #inner: KioskBridge;
  #onSessionLost: (error: BridgeError) => void = () => {};

  constructor(inner: KioskBridge) {
    this.#inner = inner;
  }

  async invoke<C extends KioskChannel>(channel: C, input: KioskInput<C>): Promise<KioskOutput<C>> {
    let raw: unknown;
    try {
      raw = await this.#inner.invoke(channel, input);
    } catch (error) {
      const refusal = asBridgeError(error, { code: 'HOST_FAILED', message: m.errors.hostFailed });
      if (SESSION_LOST.has(refusal.code) && channel !== 'login' && channel !== 'logout') this.#onSessionLost(refusal);
      throw refusal;
    }
    const parsed = kioskApi[channel].output.safeParse(raw);
    if (!parsed.success) throw new BridgeError({ code: 'BAD_RESPONSE', message: m.errors.hostFailed });
    return parsed.data as KioskOutput<C>;
  }

  onSessionLost(listener: (error: BridgeError) => void): void {
    this.#onSessionLost = listener;
  }
}

/** Electron's preload, else the central server's web API (its own pages), else the browser-mode kiosk host. */
export const kiosk = new CheckedBridge(window.kiosk ?? (servedByServer() ? new WebBridge() : new SocketBridge()));
