/** A device's live channel in tests: connect with a credential, wait for a nudge. */
import { io as connect, type Socket } from 'socket.io-client';

export function nudged(socket: Socket, withinMs = 5_000): Promise<{ schoolId: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no nudge within ${withinMs} ms`)), withinMs);
    socket.once('changes', (msg: { schoolId: string }) => {
      clearTimeout(timer);
      resolve(msg);
    });
  });
}

export function deviceSocket(url: string, credential: string): Promise<Socket> {
  const socket = connect(url, {
    path: '/socket.io',
    auth: { kind: 'device', credential },
    transports: ['websocket'],
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}
