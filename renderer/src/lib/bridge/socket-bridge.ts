/**
 * Browser mode's quick path to the kiosk host: the same API over one WebSocket (the host's
 * socket-bridge.ts). Chromium spends ~2 ms per fetch to localhost in its network service before
 * the host sees the call, a message on an open socket ~0.4 ms: on an old lab PC with thirty pupils
 * typing, every answer's «сохранено» comes sooner. Until the socket is open (first call, a
 * restarted host) calls go over HTTP, with the same session token held in memory.
 */
import { KIOSK_SOCKET_PATH, SocketAnswer } from '../../../../core/contracts/kiosk-socket.ts';
import type { KioskBridge, KioskChannel, KioskInput, KioskOutput } from '../../../../core/contracts/kiosk.ts';
import { screenMessages as m } from '../../../../core/messages/screens.ts';
import { BridgeError } from './bridge-error.ts';
import { HttpBridge, SessionToken } from './http-bridge.ts';

/** A host that has gone away is asked again at most this often (HTTP carries the calls meanwhile). */
const RECONNECT_MS = 1_000;

export function socketUrlOf(page: Location): string {
  return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${KIOSK_SOCKET_PATH}`;
}

export class SocketBridge implements KioskBridge {
  readonly #session = new SessionToken();
  readonly #http = new HttpBridge('./kiosk-api', this.#session);
  readonly #url: string;
  readonly #pending = new Map<number, (answer: SocketAnswer | null) => void>();
  #socket: WebSocket | null = null;
  #lastAttempt = -Infinity;
  #next = 1;

  constructor(url = socketUrlOf(location)) {
    this.#url = url;
  }

  invoke<C extends KioskChannel>(channel: C, input: KioskInput<C>): Promise<KioskOutput<C>> {
    const ws = this.#socket;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      this.#connect();
      return this.#http.invoke(channel, input);
    }
    const id = this.#next++;
    const session = this.#session.value;
    // Signing out forgets the token at once, even if the host never answers.
    if (channel === 'logout') this.#session.value = null;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, (answer) => {
        if (!answer) return reject(new BridgeError({ code: 'HOST_UNREACHABLE', message: m.errors.hostUnreachable }));
        if (channel !== 'logout') this.#session.value = answer.ok || answer.status !== 401 ? answer.session : null;
        if (answer.ok) resolve(answer.value as KioskOutput<C>);
        else reject(new BridgeError(answer.error));
      });
      ws.send(JSON.stringify({ id, channel, input, session }));
    });
  }

  #connect(): void {
    if (this.#socket || performance.now() - this.#lastAttempt < RECONNECT_MS) return;
    this.#lastAttempt = performance.now();
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.#url);
    } catch {
      return;
    }
    this.#socket = ws;
    ws.onmessage = (event) => {
      let data: unknown;
      try {
        data = JSON.parse(String(event.data));
      } catch {
        return;
      }
      const answer = SocketAnswer.safeParse(data);
      if (!answer.success) return;
      const done = this.#pending.get(answer.data.id);
      this.#pending.delete(answer.data.id);
      done?.(answer.data);
    };
    // A host that stopped answers nothing more: the calls on their way fail as an unreachable host.
    ws.onclose = () => {
      if (this.#socket === ws) this.#socket = null;
      for (const done of this.#pending.values()) done(null);
      this.#pending.clear();
    };
  }
}
