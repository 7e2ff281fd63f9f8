/**
 * Where these screens are running. The same build is served by the central server (cabinet and
 * dashboard) and by a classroom kiosk (participant screens: Electron, or browser mode). The
 * server marks the page it serves, so its pages never call the kiosk API; a kiosk in browser
 * mode is recognised by its API answering.
 */
import { SERVER_PAGE_META } from '../../../core/contracts/page-host.ts';

export type HostKind = 'kiosk' | 'server';

export function servedByServer(doc: Document = document): boolean {
  return (
    doc.querySelector(`meta[name="${SERVER_PAGE_META.name}"]`)?.getAttribute('content') === SERVER_PAGE_META.content
  );
}

export async function detectHost(): Promise<HostKind> {
  if (servedByServer()) return 'server';
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
