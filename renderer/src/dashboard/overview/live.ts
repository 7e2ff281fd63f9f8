/**
 * The dashboard's live channel: socket.io to the server it came from (any node; the Redis adapter
 * carries the news between nodes), loaded on first use as its own chunk of this build.
 */
import type { ServerToClientEvents } from '../../../../core/contracts/socket.ts';

/** Calls `changed` whenever the campaign's numbers move; returns how to stop listening. */
export function whenNumbersMove(changed: () => void): () => void {
  let stopped = false;
  let close = () => {};
  void import('socket.io-client').then(({ io }) => {
    if (stopped) return;
    const socket = io({ path: '/socket.io', auth: { kind: 'dashboard' }, transports: ['websocket'] });
    const on: ServerToClientEvents['campaign'] = () => changed();
    socket.on('campaign', on);
    close = () => socket.close();
  });
  return () => {
    stopped = true;
    close();
  };
}
