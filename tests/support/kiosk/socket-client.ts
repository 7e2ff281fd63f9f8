/**
 * The kiosk page's socket bridge as a Node client (socket-bridge.ts on the host), for the bench:
 * it times the bridge and the host, so it reads answers with JSON.parse alone (the host has
 * checked them against the contract; the page checks them again, which is the page's cost).
 */
import WebSocket from 'ws';
import { KIOSK_SOCKET_PATH, type SocketAnswer } from '../../../core/contracts/kiosk-socket.ts';
import type { KioskChannel, KioskInput } from '../../../core/contracts/kiosk.ts';

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

  static open(baseUrl: string, session: string | null): Promise<SocketBridgeClient> {
    const u = new URL(baseUrl);
    const ws = new WebSocket(`ws://${u.host}${KIOSK_SOCKET_PATH}`, { headers: { origin: u.origin } });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new SocketBridgeClient(ws, session)));
      ws.once('error', reject);
    });
  }

  call<C extends KioskChannel>(channel: C, input: KioskInput<C>): Promise<SocketAnswer> {
    const id = this.#next++;
    const answered = new Promise<SocketAnswer>((r) => this.#waiting.set(id, r));
    this.ws.send(JSON.stringify({ id, channel, input, session: this.session }));
    return answered;
  }

  close(): void {
    this.ws.close();
  }
}
