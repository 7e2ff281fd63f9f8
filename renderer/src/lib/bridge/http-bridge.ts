/**
 * The kiosk API over HTTP, for browser mode: POST /kiosk-api/:channel with a JSON body. The
 * session token arrives in the X-Kiosk-Session header of register/login and lives only in memory
 * (never in localStorage), so closing the tab or signing out forgets it. The socket bridge shares
 * the same token and falls back to this one while its socket is not open.
 */
import {
  KioskError,
  type KioskBridge,
  type KioskChannel,
  type KioskInput,
  type KioskOutput,
} from '../../../../core/contracts/kiosk.ts';
import { screenMessages as m } from '../../../../core/messages/screens.ts';
import { BridgeError } from './bridge-error.ts';

const SESSION_HEADER = 'X-Kiosk-Session';

/** The participant's session token, held in memory by whichever bridge carries the calls. */
export class SessionToken {
  value: string | null = null;
}

export class HttpBridge implements KioskBridge {
  readonly #session: SessionToken;
  readonly #base: string;

  constructor(base = './kiosk-api', session = new SessionToken()) {
    this.#base = base;
    this.#session = session;
  }

  async invoke<C extends KioskChannel>(channel: C, input: KioskInput<C>): Promise<KioskOutput<C>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.#session.value) headers[SESSION_HEADER] = this.#session.value;
    // Signing out forgets the token at once, even if the host never answers.
    if (channel === 'logout') this.#session.value = null;
    let response: Response;
    try {
      response = await fetch(`${this.#base}/${channel}`, { method: 'POST', headers, body: JSON.stringify(input) });
    } catch {
      throw new BridgeError({ code: 'HOST_UNREACHABLE', message: m.errors.hostUnreachable });
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw this.#refusal(response.status, body);
    const token = response.headers.get(SESSION_HEADER);
    if (token && channel !== 'logout') this.#session.value = token;
    return body as KioskOutput<C>;
  }

  #refusal(status: number, body: unknown): BridgeError {
    if (status === 401) this.#session.value = null;
    const parsed = KioskError.safeParse((body as { error?: unknown } | null)?.error);
    if (parsed.success) return new BridgeError(parsed.data);
    return new BridgeError({
      code: `HTTP_${status}`,
      message: status >= 500 ? m.errors.hostFailed : m.errors.badRequest,
    });
  }
}
