/**
 * A loopback TCP relay in front of one node, standing in for the reverse proxy's link to it. It
 * can lose a node's answer on the way back: the node has committed and replied, the client never
 * hears it. That is the case a retry must survive, and it cannot be timed from outside.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Relay {
  url: string;
  /**
   * The next answer the node sends back is dropped with the client's connection, and `then`
   * runs at that moment (after the node committed what it answers).
   */
  loseNextAnswer(then: () => void): void;
  close(): Promise<void>;
}

export async function relayTo(nodeUrl: string): Promise<Relay> {
  const target = new URL(nodeUrl);
  let losing: (() => void) | undefined;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    open.add(client).add(upstream);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      const then = losing;
      if (!then) {
        client.write(chunk);
        return;
      }
      losing = undefined;
      client.destroy();
      upstream.destroy();
      then();
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    loseNextAnswer: (then) => {
      losing = then;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
