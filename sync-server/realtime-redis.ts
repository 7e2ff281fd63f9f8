/**
 * The Redis adapter that carries nudges between nodes, kept from ever taking a node down:
 * - a node whose Redis is down at start-up still serves pushes, pulls and cabinets, and takes
 *   the adapter once both clients answer (a subscription made before the first connection is
 *   silently dropped by the client, so the adapter must not be made earlier); `adopt` then moves
 *   the sockets that connected meanwhile into it;
 * - the adapter publishes and (un)subscribes without catching, and a command in flight when Redis
 *   dies would be an unhandled rejection, which ends a Node process: its clients swallow those
 *   failures. Publishes are not queued while Redis is away (no memory grows in a long outage): a
 *   lost nudge only delays a pull until the device's next timed round;
 * - one warning per outage, not one per reconnect attempt.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import { TIMED_OUT, within } from './timeout.ts';

/** How long start-up waits for Redis before serving without it. */
const BOOT_WAIT_MS = 3_000;
const CLOSE_WAIT_MS = 1_000;

export interface RedisLink {
  ok(): boolean;
  close(): Promise<void>;
}

type Client = ReturnType<typeof createClient>;

// What the adapter sends: it awaits none of these for a nudge, and catches none of them (its
// close() unsubscribes, which fails with a rejection when Redis is away at shutdown).
const PUB_COMMANDS = ['publish', 'sPublish'];
const SUB_COMMANDS = ['pSubscribe', 'subscribe', 'sSubscribe', 'pUnsubscribe', 'unsubscribe', 'sUnsubscribe'];

export async function linkRedis(io: Server, url: string, log: Logger, adopt: () => void): Promise<RedisLink> {
  const pub = createClient({ url, disableOfflineQueue: true });
  const sub = createClient({ url });
  let ok = false;
  let warned = false;
  let adapted = false;
  for (const c of [pub, sub]) {
    c.on('error', (err: Error) => {
      ok = false;
      if (!warned) log.warn({ err: err.message }, 'redis adapter down: nudges stay on this node until it answers');
      warned = true;
    });
    c.on('ready', () => {
      ok = pub.isReady && sub.isReady;
      if (!ok) return;
      if (warned) log.info('redis adapter connected');
      warned = false;
      if (adapted) return;
      adapted = true;
      io.adapter(createAdapter(quietly(pub, PUB_COMMANDS), quietly(sub, SUB_COMMANDS)));
      adopt();
    });
  }
  await within(
    Promise.all([pub.connect(), sub.connect()]).catch(() => undefined),
    BOOT_WAIT_MS,
  );
  if (!ok && !warned) log.warn('redis unreachable at start: nudges stay on this node until it answers');
  warned ||= !ok;
  return {
    ok: () => ok,
    // quit() needs a connection; a client still reconnecting is simply torn down, and so is one
    // whose Redis takes connections but never answers (shutdown waits a second at most).
    close: async () => {
      const quit = Promise.allSettled([pub, sub].map((c) => (c.isReady ? c.quit() : c.disconnect())));
      if ((await within(quit, CLOSE_WAIT_MS)) === TIMED_OUT) {
        await Promise.allSettled([pub, sub].filter((c) => c.isOpen).map((c) => c.disconnect()));
      }
    },
  };
}

/** The client as the adapter sees it, with these commands' failures swallowed. */
function quietly(client: Client, commands: string[]): Client {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (typeof key === 'string' && commands.includes(key)) {
        return (...args: unknown[]) => Promise.resolve(fn.apply(target, args)).catch(() => undefined);
      }
      return fn.bind(target);
    },
  });
}
