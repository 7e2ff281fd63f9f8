/** A kiosk core over a fresh temporary store, with no server: for unit tests of the host. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKioskCore, type KioskCore } from '../../../electron/host/core.ts';
import { isAppUrl } from '../../../electron/shell/origin.ts';

export function tempDir(prefix = 'kiosk-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function startTestCore(over: { dataDir?: string; log?: (msg: string) => void } = {}): Promise<KioskCore> {
  return startKioskCore({ dataDir: over.dataDir ?? tempDir(), trustSender: isAppUrl, log: over.log ?? (() => {}) });
}
