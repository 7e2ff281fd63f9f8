/**
 * Fixtures: every scenario gets its own real central server (SQLite) and asks for as many real
 * kiosk hosts as it needs, each enrolled through its first-start screen like a teacher would.
 * Every request and WebSocket of every page of every scenario is recorded, and a scenario whose
 * pages asked anything of an address other than its own servers' fails (issue 15: nothing leaves
 * the deployment, on any screen of any role).
 */
import { test as base, expect, type Browser, type BrowserContext } from '@playwright/test';
import { Kiosk } from '../pages/kiosk.ts';
import { startCentral, type Central } from './central.ts';
import { startKioskHost, type KioskHost } from './kiosk-host.ts';
import { foreignRequests } from './own-origins.ts';

/** The current scenario's requests, every page's (null between scenarios). */
let requested: string[] | null = null;
const watched = new WeakSet<Browser>();

function watchContext(context: BrowserContext): void {
  context.on('request', (r) => requested?.push(r.url()));
  context.on('page', (page) => page.on('websocket', (ws) => requested?.push(ws.url())));
}

/**
 * Records every request of every context `browser` opens from now on. The worker's browser is
 * watched by the fixture; a scenario that launches a browser of its own passes it here.
 */
export function watchRequests(browser: Browser): void {
  if (watched.has(browser)) return;
  watched.add(browser);
  for (const context of browser.contexts()) watchContext(context);
  browser.on('context', watchContext);
}

export interface Classroom {
  /** A new classroom PC, started, enrolled in the demo school and showing the start screen. */
  kiosk(name?: string): Promise<Kiosk>;
  /** A new classroom PC, started but not yet enrolled: its first-start screen is open. */
  bareKiosk(): Promise<Kiosk>;
}

async function openKiosk(browser: Browser, host: KioskHost, contexts: BrowserContext[]): Promise<Kiosk> {
  // Each PC is its own browser profile: no shared storage between kiosks.
  const context = await browser.newContext();
  contexts.push(context);
  const kiosk = new Kiosk(await context.newPage(), host);
  await kiosk.open();
  return kiosk;
}

export const test = base.extend<{ central: Central; classroom: Classroom; requestsMade: string[] }>({
  /** Every address the scenario's pages asked for; after it, none may be outside its own servers. */
  requestsMade: [
    async ({ browser }, use) => {
      watchRequests(browser);
      const urls: string[] = [];
      requested = urls;
      await use(urls);
      requested = null;
      expect(foreignRequests(urls), 'requests that left the deployment').toEqual([]);
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  central: async ({}, use) => {
    const central = await startCentral();
    await use(central);
    await central.close();
  },
  classroom: async ({ browser, central }, use) => {
    const hosts: KioskHost[] = [];
    const contexts: BrowserContext[] = [];
    let count = 0;
    const bareKiosk = async () => {
      const host = await startKioskHost(central.url);
      hosts.push(host);
      return openKiosk(browser, host, contexts);
    };
    await use({
      bareKiosk,
      kiosk: async (name = `Кабинет 12, ПК ${++count}`) => {
        const kiosk = await bareKiosk();
        await expect(kiosk.firstStart.heading).toBeVisible();
        await kiosk.firstStart.connect(central.url, await central.enrollmentCode(), name);
        await expect(kiosk.startScreen).toBeVisible();
        return kiosk;
      },
    });
    await Promise.all(contexts.map((c) => c.close()));
    await Promise.all(hosts.map((h) => h.stop()));
  },
});

export { expect };
