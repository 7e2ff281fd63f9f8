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
/** A call unanswered this long fails as an unreachable host, so no screen waits forever. */
const CALL_TIMEOUT_MS = 30_000;

export function socketUrlOf(page: Location): string {
  return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${KIOSK_SOCKET_PATH}`;
}

export class SocketBridge implements KioskBridge {
  readonly #session = new SessionToken();
  readonly #http: HttpBridge;
  readonly #url: string;
  readonly #pending = new Map<number, (answer: SocketAnswer | null) => void>();
  #socket: WebSocket | null = null;
  #lastAttempt = -Infinity;
  /** Those waiting in opened(), told when a socket opens. */
  #onOpen: (() => void)[] = [];
  #next = 1;

  constructor(url = socketUrlOf(location), httpBase = './kiosk-api') {
    this.#url = url;
    this.#http = new HttpBridge(httpBase, this.#session);
  }

  invoke<C extends KioskChannel>(channel: C, input: KioskInput<C>): Promise<KioskOutput<C>> {
    const ws = this.#socket;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      this.#connect();
      return this.#http.invoke(channel, input);
    }
    const id = this.#next++;
    const sent = this.#session.value;
    // Signing out forgets the token at once, even if the host never answers.
    if (channel === 'logout') this.#session.value = null;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#settle(id, null), CALL_TIMEOUT_MS);
      this.#pending.set(id, (answer) => {
        clearTimeout(timer);
        if (!answer) return reject(new BridgeError({ code: 'HOST_UNREACHABLE', message: m.errors.hostUnreachable }));
        this.#learnSession(channel, sent, answer);
        if (answer.ok) resolve(answer.value as KioskOutput<C>);
        else reject(new BridgeError(answer.error));
      });
      ws.send(JSON.stringify({ id, channel, input, session: sent }));
    });
  }

  /**
   * As the HTTP bridge does: a new token is taken when the host issued one (sign-in), and a 401
   * forgets the token the call was made with. An answer to an older call never brings back a
   * token that a later sign-in or sign-out replaced.
   */
  #learnSession(channel: KioskChannel, sent: string | null, answer: SocketAnswer): void {
    if (channel === 'logout') return;
    if (!answer.ok && answer.status === 401) {
      if (this.#session.value === sent) this.#session.value = null;
    } else if (answer.session && answer.session !== sent) this.#session.value = answer.session;
  }

  /**
   * Resolves once calls go over the socket: asks the host again (no more often than a reconnect
   * may) until one opens. A signal for whoever must know which way the calls go.
   */
  opened(): Promise<void> {
    if (this.#socket?.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve) => {
      this.#onOpen.push(resolve);
      const retry = () => {
        if (this.#socket?.readyState === WebSocket.OPEN || !this.#onOpen.includes(resolve)) return;
        this.#connect();
        setTimeout(retry, Math.max(0, this.#lastAttempt + RECONNECT_MS - performance.now()) + 10);
      };
      retry();
    });
  }

  #settle(id: number, answer: SocketAnswer | null): void {
    const done = this.#pending.get(id);
    this.#pending.delete(id);
    done?.(answer);
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
    ws.onopen = () => {
      const waiting = this.#onOpen;
      this.#onOpen = [];
      for (const done of waiting) done();
    };
    ws.onmessage = (event) => {
      let data: unknown;
      try {
        data = JSON.parse(String(event.data));
      } catch {
        return;
      }
      const answer = SocketAnswer.safeParse(data);
      if (answer.success) this.#settle(answer.data.id, answer.data);
    };
    // A refused connection is followed by close, which handles it; this only keeps it quiet.
    ws.onerror = () => {};
    // A host that stopped answers nothing more: the calls on their way fail as an unreachable host.
    ws.onclose = () => {
      if (this.#socket === ws) this.#socket = null;
      for (const done of this.#pending.values()) done(null);
      this.#pending.clear();
    };
  }
}
