/**
 * socket.io: devices and cabinets join their school's room and are nudged when the school has
 * new changes, so they pull at once; a school's cabinets alone also hear that its class moved
 * («Класс сейчас»); organizers' dashboards hear that numbers moved. With REDIS_URL set, the Redis adapter carries nudges
 * between nodes, so a push on one node reaches devices connected to another.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { SocketAuth, type ServerToClientEvents, type ClientToServerEvents } from '../core/contracts/socket.ts';
import type { ServerContext } from './context.ts';
import { authenticateDevice } from './devices/devices.service.ts';
import { sessionUser } from './auth/session.ts';
import { linkRedis } from './realtime-redis.ts';

export interface Realtime {
  nudge(schoolId: string): void;
  /** Tells the school's cabinets that a student or a PC of theirs moved (also part of every nudge). */
  classMoved(schoolId: string): void;
  health(): { ok: boolean; detail: string };
  close(): Promise<void>;
}

/** The path socket.io owns, every transport included; Express never sees it. */
export const SOCKET_PATH = '/socket.io';

const room = (schoolId: string) => `school:${schoolId}`;
/** Organizers' dashboards, told when any school's numbers move. */
const DASHBOARDS = 'dashboards';
/** Nudges come by the thousand at national scale; a dashboard hears of them once a second. */
const DASHBOARD_EVERY_MS = 1_000;
/** The school's cabinets without its PCs: what its students do is the co-organizer's to see. */
const cabinets = (schoolId: string) => `cabinets:${schoolId}`;
/** A class's pushes come in bursts (thirty PCs at once): its cabinets hear of them at most this often. */
const CLASS_EVERY_MS = 250;
const roomsOf = (socket: Socket): string[] => {
  const schoolId = socket.data.schoolId as string | undefined;
  if (!schoolId) return [DASHBOARDS];
  return socket.data.kind === 'cabinet' ? [room(schoolId), cabinets(schoolId)] : [room(schoolId)];
};

export async function startRealtime(http: HttpServer, ctx: Omit<ServerContext, 'nudge'>): Promise<Realtime> {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    path: SOCKET_PATH,
    serveClient: false,
    cors: { origin: false },
  });
  // A new adapter (Redis answering after start-up) starts with empty rooms, and each socket keeps
  // the adapter it was born with (socket.io re-makes a namespace's adapter, not its sockets'),
  // even one still in the auth middleware while the swap happens: such a socket moves over and
  // joins its own and its school's rooms again.
  const adopt = (socket: Socket) => {
    const current = io.sockets.adapter;
    const own = socket as unknown as { adapter: unknown };
    if (own.adapter === current) return;
    own.adapter = current;
    void socket.join([socket.id, ...roomsOf(socket)]);
  };
  const redis = ctx.config.redisUrl
    ? await linkRedis(io, ctx.config.redisUrl, ctx.log, () => {
        for (const socket of io.sockets.sockets.values()) adopt(socket);
      })
    : undefined;

  // A socket says who it is once, at connection; it may only join its own school's room.
  io.use(async (socket, next) => {
    try {
      const auth = SocketAuth.parse(socket.handshake.auth);
      if (auth.kind === 'dashboard') {
        const user = await sessionUser(ctx as ServerContext, socket.handshake.headers.cookie);
        if (user?.role !== 'organizer') return next(new Error('UNAUTHORIZED'));
        return next();
      }
      const schoolId =
        auth.kind === 'device'
          ? (await authenticateDevice(ctx as ServerContext, auth.credential)).schoolId
          : (await sessionUser(ctx as ServerContext, socket.handshake.headers.cookie))?.school?.id;
      if (!schoolId) return next(new Error('UNAUTHORIZED'));
      socket.data.schoolId = schoolId;
      socket.data.kind = auth.kind;
      next();
    } catch {
      next(new Error('UNAUTHORIZED'));
    }
  });
  io.on('connection', (socket) => {
    adopt(socket);
    void socket.join(roomsOf(socket));
  });
  let dashboardsTold: NodeJS.Timeout | undefined;
  const classesTold = new Map<string, NodeJS.Timeout>();
  const classMoved = (schoolId: string) => {
    if (classesTold.has(schoolId)) return;
    const timer = setTimeout(() => {
      classesTold.delete(schoolId);
      io.to(cabinets(schoolId)).emit('class', { schoolId });
    }, CLASS_EVERY_MS).unref();
    classesTold.set(schoolId, timer);
  };

  return {
    classMoved,
    nudge(schoolId) {
      io.to(room(schoolId)).emit('changes', { schoolId });
      classMoved(schoolId);
      dashboardsTold ??= setTimeout(() => {
        dashboardsTold = undefined;
        io.to(DASHBOARDS).emit('campaign');
      }, DASHBOARD_EVERY_MS).unref();
    },
    health() {
      if (!ctx.config.redisUrl) return { ok: true, detail: `socket.io, ${io.engine.clientsCount} connected` };
      const ok = redis?.ok() ?? false;
      return { ok, detail: `socket.io + redis adapter ${ok ? 'connected' : 'down'}` };
    },
    async close() {
      clearTimeout(dashboardsTold);
      for (const timer of classesTold.values()) clearTimeout(timer);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await redis?.close();
    },
  };
}
