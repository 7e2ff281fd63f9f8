/**
 * What a browser-mode kiosk host tells other programs on this machine: its identity at
 * GET /kiosk-host and its exit codes. `npm run demo` reads both to tell its own kiosk left
 * running from a stranger on the port (the server may not import the host's code).
 */
import { z } from 'zod';

export const KIOSK_IDENTITY_PATH = '/kiosk-host';

export const KioskHostIdentity = z.object({
  app: z.literal('moe-budushchee-kiosk'),
  pid: z.number().int(),
  dataDir: z.string(),
});
export type KioskHostIdentity = z.infer<typeof KioskHostIdentity>;

/** electron/host/main.ts: 2 bad configuration, 3 the data folder has a host already, 4 the port is taken. */
export const KIOSK_EXIT = { badConfig: 2, dataDirInUse: 3, portInUse: 4 } as const;
