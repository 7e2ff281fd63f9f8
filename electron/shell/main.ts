/**
 * The desktop app's main process: thin. It locks the window down, serves the screens on
 * app://kiosk/, and runs the same kiosk core as browser mode, carried over IPC.
 * Environment: SYNC_SERVER_URL, KIOSK_ENROLLMENT_CODE, KIOSK_DEVICE_NAME, KIOSK_AUTO_LOGOUT_MIN.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { KIOSK_EXIT } from '../../core/contracts/kiosk-host.ts';
import { kioskMessages } from '../../core/messages/kiosk.ts';
import { startKioskCore, type KioskCore } from '../host/core.ts';
import { DataDirInUse } from '../host/data-lock.ts';
import { serveKioskIpc } from './ipc.ts';
import { isAppUrl } from './origin.ts';
import { registerAppScheme, serveAppScheme } from './protocol.ts';
import { createKioskWindow } from './window.ts';

// One kiosk per PC session: a second launch would open the same store twice.
if (!app.requestSingleInstanceLock()) app.exit(0);
// A small young generation for the screens' renderer process: lab PCs have 4 GB. (The browser-mode
// host gets the same flag from package.json; see tests/bench/kiosk.bench.ts.)
app.commandLine.appendSwitch('js-flags', '--max-semi-space-size=2');
registerAppScheme();

let core: KioskCore | undefined;

async function start(): Promise<void> {
  serveAppScheme(join(app.getAppPath(), 'renderer', 'dist'));
  const minutes = Number(process.env.KIOSK_AUTO_LOGOUT_MIN);
  core = await startKioskCore({
    dataDir: join(app.getPath('userData'), 'kiosk'),
    serverUrl: process.env.SYNC_SERVER_URL || undefined,
    enrollmentCode: process.env.KIOSK_ENROLLMENT_CODE || undefined,
    deviceName: process.env.KIOSK_DEVICE_NAME || undefined,
    ...(Number.isInteger(minutes) && minutes > 0 ? { autoLogoutMinutes: minutes } : {}),
    trustSender: isAppUrl,
  });
  serveKioskIpc(core.dispatch);
  createKioskWindow(join(import.meta.dirname, 'preload.cjs'), !app.isPackaged);
}

app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
});

app.on('window-all-closed', () => app.quit());

// Stop the sync engine and close the store before exiting, so the last round finishes cleanly.
app.on('before-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = undefined;
  void closing.close().finally(() => app.quit());
});

app
  .whenReady()
  .then(start)
  .catch((err: unknown) => {
    console.error(err);
    // Another host holds the store (a browser-mode kiosk on the same folder): say so, not a blank window.
    if (err instanceof DataDirInUse) {
      dialog.showErrorBox(kioskMessages.KIOSK_ALREADY_RUNNING, err.message);
      app.exit(KIOSK_EXIT.dataDirInUse);
      return;
    }
    app.exit(1);
  });
