/**
 * socket.io: devices and cabinets join their school's room and are nudged when the school has
 * new changes, so they pull at once. With REDIS_URL set, the Redis adapter carries nudges
 * between nodes, so a push on one node reaches devices connected to another.
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { SocketAuth, type ServerToClientEvents, type ClientToServerEvents } from '../core/contracts/socket.ts';
import type { ServerContext } from './context.ts';
import { authenticateDevice } from './devices/devices.service.ts';
import { sessionUser } from './auth/session.ts';

export interface Realtime {
  nudge(schoolId: string): void;
  health(): { ok: boolean; detail: string };
  close(): Promise<void>;
}

const room = (schoolId: string) => `school:${schoolId}`;

export async function startRealtime(http: HttpServer, ctx: Omit<ServerContext, 'nudge'>): Promise<Realtime> {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    path: '/socket.io',
    serveClient: false,
    cors: { origin: false },
  });
  let redisOk = true;
  let closeRedis = async () => {};
  if (ctx.config.redisUrl) {
    const pub = createClient({ url: ctx.config.redisUrl });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) {
      c.on('error', (err: Error) => {
        redisOk = false;
        ctx.log.warn({ err: err.message }, 'redis adapter error');
      });
      c.on('ready', () => {
        redisOk = true;
      });
    }
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    closeRedis = async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    };
  }

  // A socket says who it is once, at connection; it may only join its own school's room.
  io.use(async (socket, next) => {
    try {
      const auth = SocketAuth.parse(socket.handshake.auth);
      const schoolId =
        auth.kind === 'device'
          ? (await authenticateDevice(ctx as ServerContext, auth.credential)).schoolId
          : (await sessionUser(ctx as ServerContext, socket.handshake.headers.cookie))?.school?.id;
      if (!schoolId) return next(new Error('UNAUTHORIZED'));
      socket.data.schoolId = schoolId;
      next();
    } catch {
      next(new Error('UNAUTHORIZED'));
    }
  });
  io.on('connection', (socket) => {
    void socket.join(room(socket.data.schoolId as string));
  });

  return {
    nudge(schoolId) {
      io.to(room(schoolId)).emit('changes', { schoolId });
    },
    health() {
      if (!ctx.config.redisUrl) return { ok: true, detail: `socket.io, ${io.engine.clientsCount} connected` };
      return { ok: redisOk, detail: `socket.io + redis adapter ${redisOk ? 'connected' : 'down'}` };
    },
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await closeRedis();
    },
  };
}
