/**
 * The app's own origin in the desktop shell. Screens load from app://kiosk/ (a privileged custom
 * scheme), and every check of "is this our page" parses the URL with `URL` and compares the
 * scheme and host exactly: never a substring test. No Electron import, so it is unit-tested.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/** Same check on a raw string; anything unparsable is foreign. */
export function isAppAddress(raw: string | undefined | null): boolean {
  if (!raw) return false;
  try {
    return isAppUrl(new URL(raw));
  } catch {
    return false;
  }
}
