/** socket.io events between the server and its devices and cabinets. */
import { z } from 'zod';

/**
 * Sent in the handshake's `auth`: a device by its credential, a cabinet or the organizer's
 * dashboard by its session cookie.
 */
export const SocketAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('device'), credential: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('cabinet') }),
  z.object({ kind: z.literal('dashboard') }),
]);
export type SocketAuth = z.infer<typeof SocketAuth>;

export const ChangesNudge = z.object({ schoolId: z.string() });

/** To the school's cabinets only: a student or a PC of the school moved; «Класс сейчас» asks again. */
export const ClassMoved = z.object({ schoolId: z.string() });

export interface ServerToClientEvents {
  /** The school has new changes: pull now. */
  changes: (msg: z.infer<typeof ChangesNudge>) => void;
  class: (msg: z.infer<typeof ClassMoved>) => void;
  /** To dashboards: some school's numbers moved (at most about once a second): ask again. */
  campaign: () => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}
