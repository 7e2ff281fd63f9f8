/**
 * The live channel: socket.io to the central server, authenticated as this device. The server
 * says `changes` when the school has new data, and the engine pulls at once. socket.io retries
 * with its own randomized back-off, so thirty kiosks do not reconnect in the same second.
 */
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../core/contracts/socket.ts';
import { MAX_BACKOFF_MS } from './backoff.ts';
import { agentFor } from './proxy.ts';

export interface Nudges {
  connected(): boolean;
  close(): void;
}

export function connectNudges(serverUrl: string, credential: string, onNudge: () => void): Nudges {
  const url = new URL(serverUrl);
  let socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  let closed = false;
  // socket.io-client loads after the kiosk has started (a tenth of its start-up); the first sync
  // round does not wait for the live channel anyway.
  void import('socket.io-client').then(({ io }) => {
    if (closed) return;
    socket = io(url.origin, {
      path: `${url.pathname.replace(/\/$/, '')}/socket.io`,
      auth: { kind: 'device', credential },
      transports: ['websocket'],
      reconnectionDelay: 1_000,
      // As the round's back-off (backoff.ts): the server's return is noticed within seconds.
      reconnectionDelayMax: MAX_BACKOFF_MS,
      randomizationFactor: 0.5,
      // The typings say string | boolean; engine.io passes it to ws, which takes an http.Agent.
      agent: agentFor(url) as unknown as string,
    });
    socket.on('changes', onNudge);
    // A reconnect means the link came back, a disconnect that it may be gone: either way a round
    // at once finds out, rather than the next idle round.
    socket.on('connect', onNudge);
    socket.on('disconnect', onNudge);
  });
  return {
    connected: () => socket?.connected ?? false,
    close: () => {
      closed = true;
      socket?.removeAllListeners();
      socket?.close();
    },
  };
}
