/**
 * Browser mode from the command line:
 *   npm run kiosk -- --port 5280 --data .data/kiosk-1 --server http://127.0.0.1:8080
 * Environment: KIOSK_PORT (5280), KIOSK_DATA_DIR (.data/kiosk), SYNC_SERVER_URL,
 * KIOSK_ENROLLMENT_CODE (unattended enrolment), KIOSK_DEVICE_NAME, KIOSK_AUTO_LOGOUT_MIN (10),
 * KIOSK_SYNC_IDLE_MS (30000: how often an idle kiosk syncs; npm run bench shortens it).
 * Flags win over the environment.
 * Exit codes: 2 bad configuration, 3 the data folder has a kiosk host already (data-lock.ts),
 * 4 the port is taken; `npm run demo` tells them apart.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { KIOSK_EXIT } from '../../core/contracts/kiosk-host.ts';
import { DataDirInUse } from './data-lock.ts';
import { startKioskHost, type RunningKioskHost } from './host.ts';

const EXIT = KIOSK_EXIT;

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string' },
    data: { type: 'string' },
    server: { type: 'string' },
    'enrollment-code': { type: 'string' },
    name: { type: 'string' },
  },
});

const Config = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(5280),
  dataDir: z.string().min(1).default('.data/kiosk'),
  serverUrl: z.url({ error: 'SYNC_SERVER_URL / --server: нужен адрес вида http://host:port' }).optional(),
  enrollmentCode: z.string().min(4).optional(),
  deviceName: z.string().min(1).max(80).optional(),
  autoLogoutMinutes: z.coerce.number().int().min(1).max(240).default(10),
  idleSyncMs: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
});

const env = (v: string | undefined) => (v === '' ? undefined : v);
const parsed = Config.safeParse({
  port: flags.port ?? env(process.env.KIOSK_PORT),
  dataDir: flags.data ?? env(process.env.KIOSK_DATA_DIR),
  serverUrl: flags.server ?? env(process.env.SYNC_SERVER_URL),
  enrollmentCode: flags['enrollment-code'] ?? env(process.env.KIOSK_ENROLLMENT_CODE),
  deviceName: flags.name ?? env(process.env.KIOSK_DEVICE_NAME),
  autoLogoutMinutes: env(process.env.KIOSK_AUTO_LOGOUT_MIN),
  idleSyncMs: env(process.env.KIOSK_SYNC_IDLE_MS),
});
if (!parsed.success) {
  for (const i of parsed.error.issues) console.error(`kiosk: ${i.path.join('.')}: ${i.message}`);
  process.exit(EXIT.badConfig);
}
const config = { ...parsed.data, dataDir: resolve(parsed.data.dataDir) };
let host: RunningKioskHost;
try {
  host = await startKioskHost(config);
} catch (err) {
  // Someone's mistake to fix, not a bug: one line that says what to do, no stack.
  if (err instanceof DataDirInUse) {
    console.error(`kiosk: ${err.message}. Stop that host first, or give this one another folder with --data.`);
    process.exit(EXIT.dataDirInUse);
  }
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      `kiosk: port ${config.port} on 127.0.0.1 is already in use by another program; choose another with --port or KIOSK_PORT.`,
    );
    process.exit(EXIT.portInUse);
  }
  throw err;
}
console.log(JSON.stringify({ msg: 'kiosk listening', url: host.url, dataDir: config.dataDir }));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
