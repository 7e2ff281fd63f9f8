/**
 * Where these screens are running. The same build is served by the central server (cabinet and
 * dashboard) and by a classroom kiosk (participant screens: Electron, or browser mode). A kiosk
 * is recognised by its API answering; the server has none at that path.
 */
export type HostKind = 'kiosk' | 'server';

export async function detectHost(): Promise<HostKind> {
  if ('kiosk' in window) return 'kiosk';
  try {
    const res = await fetch('./kiosk-api/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return res.ok ? 'kiosk' : 'server';
  } catch {
    return 'server';
  }
}
