/**
 * Browser mode from the command line:
 *   npm run kiosk -- --port 5280 --data .data/kiosk-1 --server http://127.0.0.1:8080
 * Environment: KIOSK_PORT (5280), KIOSK_DATA_DIR (.data/kiosk), SYNC_SERVER_URL,
 * KIOSK_ENROLLMENT_CODE (unattended enrolment), KIOSK_DEVICE_NAME, KIOSK_AUTO_LOGOUT_MIN (10).
 * Flags win over the environment.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startKioskHost } from './host.ts';

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
});

const env = (v: string | undefined) => (v === '' ? undefined : v);
const parsed = Config.safeParse({
  port: flags.port ?? env(process.env.KIOSK_PORT),
  dataDir: flags.data ?? env(process.env.KIOSK_DATA_DIR),
  serverUrl: flags.server ?? env(process.env.SYNC_SERVER_URL),
  enrollmentCode: flags['enrollment-code'] ?? env(process.env.KIOSK_ENROLLMENT_CODE),
  deviceName: flags.name ?? env(process.env.KIOSK_DEVICE_NAME),
  autoLogoutMinutes: env(process.env.KIOSK_AUTO_LOGOUT_MIN),
});
if (!parsed.success) {
  for (const i of parsed.error.issues) console.error(`kiosk: ${i.path.join('.')}: ${i.message}`);
  process.exit(2);
}
const config = { ...parsed.data, dataDir: resolve(parsed.data.dataDir) };
const host = await startKioskHost(config);
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
