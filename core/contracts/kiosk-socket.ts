/**
 * Browser mode's socket bridge: the kiosk API (kiosk.ts) as numbered messages over one WebSocket.
 * A call names its channel and carries the session token; its answer carries the same number, so
 * answers may come back in any order, and the session as it stands after the call.
 */
import { z } from 'zod';
import { KioskError } from './kiosk.ts';

export const KIOSK_SOCKET_PATH = '/kiosk-socket';

export const SocketCall = z.object({
  id: z.number().int().positive(),
  channel: z.string().max(64),
  input: z.unknown(),
  session: z.string().max(200).nullable(),
});
export type SocketCall = z.infer<typeof SocketCall>;

export const SocketAnswer = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), value: z.unknown(), session: z.string().nullable() }),
  z.object({
    id: z.number().int(),
    ok: z.literal(false),
    status: z.number().int(),
    error: KioskError,
    session: z.string().nullable(),
  }),
]);
export type SocketAnswer = z.infer<typeof SocketAnswer>;
