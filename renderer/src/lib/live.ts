/**
 * A staff page's live channel: socket.io to the server it came from (any node; the Redis adapter
 * carries the news between nodes), signed in by the session cookie the browser sends with the
 * handshake, loaded on first use as its own chunk of the build.
 */
import type { ServerToClientEvents } from '../../../core/contracts/socket.ts';

export interface LiveOptions {
  /** Told whether the channel is up: a screen says when what it shows may lag. */
  onLink?: (up: boolean) => void;
}

/** Calls `heard` on each `event` the server sends this page; returns how to stop listening. */
export function listenLive<E extends keyof ServerToClientEvents>(
  kind: 'cabinet' | 'dashboard',
  event: E,
  heard: () => void,
  options: LiveOptions = {},
): () => void {
  let stopped = false;
  let close = () => {};
  void import('socket.io-client').then(({ io }) => {
    if (stopped) return;
    const socket = io({ path: '/socket.io', auth: { kind }, transports: ['websocket'] });
    // socket.io's typed `on` cannot narrow a generic event name; the payload is not read here.
    socket.on(event as string, () => heard());
    socket.on('connect', () => options.onLink?.(true));
    socket.on('disconnect', () => options.onLink?.(false));
    socket.on('connect_error', () => options.onLink?.(false));
    close = () => socket.close();
  });
  return () => {
    stopped = true;
    close();
  };
}
