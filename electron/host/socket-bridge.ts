/**
 * Browser mode's quick bridge: the kiosk API over one WebSocket per page, beside the HTTP one
 * (http-bridge.ts) and through the same dispatcher. Chromium spends ~2 ms on every fetch to
 * localhost before the host sees it (its network service), a message on an open socket ~0.4 ms.
 * Same guards: the Host header must name the loopback address (no DNS rebinding) and a browser's
 * Origin must be the kiosk's own; both are checked at the handshake, and every call on the socket
 * is dispatched with that Origin, so the router applies its sender rule as it does for HTTP.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { KIOSK_SOCKET_PATH, SocketCall, type SocketAnswer } from '../../core/contracts/kiosk-socket.ts';
import { kioskMessages } from '../../core/messages/kiosk.ts';
import { loopbackHosts, MAX_BODY } from './http-bridge.ts';
import type { Dispatch } from './router.ts';

export interface SocketBridgeOptions {
  dispatch: Dispatch;
  port: () => number;
  /** True when a browser's Origin is the kiosk's own page (absent: not a browser). */
  trustOrigin: (origin: string | undefined) => boolean;
  log: (msg: string, data?: Record<string, unknown>) => void;
}

export function attachSocketBridge(server: Server, o: SocketBridgeOptions): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const refuse = (status: number) =>
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Forbidden'}\r\n\r\n`);
    if (path !== KIOSK_SOCKET_PATH) return refuse(404);
    if (!loopbackHosts(o.port()).has(req.headers.host ?? '') || !o.trustOrigin(req.headers.origin)) return refuse(403);
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, req.headers.origin, o));
  };
  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  };
}

function serve(ws: WebSocket, origin: string | undefined, o: SocketBridgeOptions): void {
  const send = (answer: SocketAnswer) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(answer));
  };
  ws.on('message', (data, isBinary) => {
    let call: SocketCall;
    try {
      if (isBinary) throw new Error('binary');
      call = SocketCall.parse(JSON.parse(String(data)));
    } catch {
      // Nothing to answer to by number: the call is refused under id 0.
      const error = { code: 'INVALID_INPUT', message: kioskMessages.INVALID_INPUT };
      return send({ id: 0, ok: false, status: 400, error, session: null });
    }
    o.dispatch(call.channel, call.input, { sessionId: call.session, senderUrl: origin })
      .then((r) =>
        send(
          r.ok
            ? { id: call.id, ok: true, value: r.value, session: r.sessionId }
            : { id: call.id, ok: false, status: r.status, error: r.error, session: r.sessionId },
        ),
      )
      .catch((err: unknown) => o.log('kiosk socket: call failed', { err: String(err) }));
  });
  ws.on('error', (err) => o.log('kiosk socket: connection error', { err: String(err) }));
}
