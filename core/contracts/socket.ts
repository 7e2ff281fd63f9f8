/** socket.io events between the server and its devices and cabinets. */
import { z } from 'zod';

/** Sent in the handshake's `auth`: a device by its credential, a cabinet by its session cookie. */
export const SocketAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('device'), credential: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('cabinet') }),
]);
export type SocketAuth = z.infer<typeof SocketAuth>;

export const ChangesNudge = z.object({ schoolId: z.string() });

export interface ServerToClientEvents {
  /** The school has new changes: pull now. */
  changes: (msg: z.infer<typeof ChangesNudge>) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}
