/**
 * The kiosk page's socket bridge as a Node client (socket-bridge.ts on the host), for tests and
 * the bench. It reads answers with JSON.parse alone (the host has checked them against the
 * contract; the page checks them again, which is the page's cost, not the bridge's), and keeps
 * the session the host last answered with.
 */
import WebSocket from 'ws';
import { KIOSK_SOCKET_PATH, type SocketAnswer } from '../../../core/contracts/kiosk-socket.ts';

export class SocketBridgeClient {
  readonly #waiting = new Map<number, (a: SocketAnswer) => void>();
  #next = 1;

  private constructor(
    readonly ws: WebSocket,
    public session: string | null,
  ) {
    ws.on('message', (data) => {
      const a = JSON.parse(String(data)) as SocketAnswer;
      this.#waiting.get(a.id)?.(a);
      this.#waiting.delete(a.id);
    });
  }

  /** Opens the socket as the kiosk's own page would (its Origin), unless `headers` say otherwise. */
  static open(
    baseUrl: string,
    session: string | null = null,
    headers: Record<string, string> = { origin: new URL(baseUrl).origin },
  ): Promise<SocketBridgeClient> {
    const ws = new WebSocket(`ws://${new URL(baseUrl).host}${KIOSK_SOCKET_PATH}`, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new SocketBridgeClient(ws, session)));
      ws.once('error', reject);
    });
  }

  /** Any channel name, known or not: the host is the one that refuses. */
  call(channel: string, input: unknown): Promise<SocketAnswer> {
    const id = this.#next++;
    return this.raw(JSON.stringify({ id, channel, input, session: this.session }), id).then((a) => {
      this.session = a.session;
      return a;
    });
  }

  /** Sends text as it is and waits for the answer numbered `id`. */
  raw(text: string, id: number): Promise<SocketAnswer> {
    const answered = new Promise<SocketAnswer>((r) => this.#waiting.set(id, r));
    this.ws.send(text);
    return answered;
  }

  close(): void {
    this.ws.close();
  }
}
