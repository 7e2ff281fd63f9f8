/**
 * The school's internet link, played by a TCP forwarder in front of the central server: cut()
 * drops every connection and refuses new ones (the kiosk sees ECONNREFUSED); hang() keeps
 * connections open but carries nothing either way, like a server or proxy that froze; restore()
 * brings the link back (connections held by a hang are reset, as a recovering proxy would).
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Link {
  url: string;
  cut(): Promise<void>;
  hang(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startLink(targetUrl: string): Promise<Link> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  let hung = false;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        track(client);
        if (hung) {
          client.on('error', () => client.destroy());
          return; // accepted, never answered
        }
        const upstream = net.connect(Number(target.port), target.hostname);
        track(upstream);
        for (const s of [client, upstream]) {
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const dropAll = () => {
    for (const sock of sockets) sock.destroy();
  };
  const cut = async () => {
    const s = server;
    server = undefined;
    hung = false;
    dropAll();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  const hang = () => {
    hung = true;
    for (const sock of sockets) {
      sock.unpipe();
      sock.pause();
    }
  };
  const restore = async () => {
    if (hung) {
      hung = false;
      dropAll();
    }
    if (!server) await listen();
  };
  await listen();
  return { url: `http://127.0.0.1:${port}`, cut, hang, restore, close: cut };
}
