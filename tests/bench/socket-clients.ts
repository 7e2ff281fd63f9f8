/**
 * Many classroom PCs' live channels from one process, for the socket bench: each credential of the
 * file (one a line) connects as a device (socket.io-client over WebSocket, its own connection),
 * at most CONCURRENT handshakes at a time. Prints one JSON line once every client is connected or
 * has failed, then one line per school nudge it hears («changes»), counting the devices told, and
 * closes every socket on SIGTERM.
 *   node --import tsx tests/bench/socket-clients.ts URL CREDENTIALS_FILE
 */
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';

const CONCURRENT = 200;
const [url, file] = process.argv.slice(2) as [string, string];
const credentials = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const sockets: Socket[] = [];
let failed = 0;
let told = 0;
let firstError = '';

function open(credential: string): Promise<void> {
  const socket = io(url, {
    path: '/socket.io',
    auth: { kind: 'device', credential },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  socket.on('changes', () => {
    told++;
    process.stdout.write(`${JSON.stringify({ told })}\n`);
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      sockets.push(socket);
      resolve();
    });
    socket.once('connect_error', (err) => {
      failed++;
      firstError ||= err.message;
      socket.close();
      resolve();
    });
  });
}

const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENT }, async () => {
    while (next < credentials.length) await open(credentials[next++]!);
  }),
);
const connectMs = Math.round(performance.now() - t0);
process.stdout.write(`${JSON.stringify({ connected: sockets.length, failed, firstError, connectMs })}\n`);

process.once('SIGTERM', () => {
  const dropped = sockets.filter((s) => !s.connected).length;
  for (const s of sockets) s.close();
  process.stdout.write(`${JSON.stringify({ dropped })}\n`);
  process.exit(0);
});
