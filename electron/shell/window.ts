/**
 * The kiosk window: full screen, no menu, no devtools when packaged, no new windows, no
 * navigation away from the app's own pages, no webviews, no permissions (camera, geolocation…).
 */
import { BrowserWindow, Menu, session } from 'electron';
import { APP_ENTRY, isAppAddress } from './origin.ts';

export function createKioskWindow(preload: string, devTools: boolean): BrowserWindow {
  Menu.setApplicationMenu(null);
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const win = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools,
    },
  });
  win.setMenuBarVisibility(false);
  const wc = win.webContents;
  // No new windows at all, and no hand-off to the system browser either: a student must not be
  // able to leave the kiosk through a link.
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  wc.on('will-navigate', (event, url) => {
    if (!isAppAddress(url)) event.preventDefault();
  });
  wc.on('will-redirect', (event, url) => {
    if (!isAppAddress(url)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}
