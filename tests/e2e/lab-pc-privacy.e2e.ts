/**
 * Shared lab PCs and personal data (issue 15): a student under the age rule registers on a
 * classroom PC with a parent's consent, reads the privacy notice, takes part and signs out; then
 * the page's storage (localStorage, sessionStorage, IndexedDB, Cache Storage) holds nothing that
 * names them, and no request of the whole visit left the product's own origins.
 */
import type { Page, Request } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { SCREEN_DIR } from './support/screens.ts';
import { aStudent } from './support/students.ts';

/** Everything the page keeps in the browser, as text. */
async function browserStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const s of [localStorage, sessionStorage]) {
      for (let i = 0; i < s.length; i++) out.push(`${s.key(i)}=${s.getItem(s.key(i)!)}`);
    }
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((ok, ko) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((ok) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => ok(r.result);
        });
        out.push(`${info.name}/${store}=${JSON.stringify(all)}`);
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) out.push(`${name}:${req.url}=${await (await cache.match(req))!.text()}`);
    }
    return out.join('\n');
  });
}

test('a lab PC keeps nothing of a signed-out student in the browser, and nothing leaves the deployment', async ({
  classroom,
  central,
}) => {
  const student = aStudent({ schoolClass: '6А' });
  const kiosk = await classroom.kiosk();
  // Every request and socket from a fresh load on: the page, its scripts, fonts and images too.
  const urls: string[] = [];
  kiosk.page.context().on('request', (r: Request) => urls.push(r.url()));
  kiosk.page.on('websocket', (ws) => urls.push(ws.url()));
  await kiosk.page.reload();
  await expect(kiosk.startScreen).toBeVisible();

  await kiosk.chooseRegister();
  await kiosk.registration.fill(student);
  // Class 6 is under the demo's rule (up to class 7): the parent's consent is asked for.
  await kiosk.registration.field('ФИО родителя (законного представителя)').fill('Петрова Мария Ивановна');
  await kiosk.page.getByRole('radio', { name: 'Электронно родителем' }).check();
  await kiosk.page.getByRole('button', { name: 'Как мы обращаемся с персональными данными' }).click();
  const notice = kiosk.page.getByRole('dialog', { name: 'Как мы обращаемся с персональными данными' });
  await expect(notice.getByRole('heading', { name: 'Кого спросить' })).toBeVisible();
  await kiosk.page.screenshot({ path: `${SCREEN_DIR}/lab-pc-privacy-notice.png` });
  await notice.getByRole('button', { name: 'Закрыть' }).click();
  await kiosk.page.screenshot({ path: `${SCREEN_DIR}/lab-pc-registration.png`, fullPage: true });
  await kiosk.registration.submit();
  await expect(kiosk.home.greeting(student.name)).toBeVisible();
  await kiosk.home.takePart(central.code);
  await kiosk.page.keyboard.press('Escape');
  await kiosk.status.logout();
  await expect(kiosk.startScreen).toBeVisible();

  const kept = await browserStorage(kiosk.page);
  for (const secret of [student.surname, student.name, student.email, student.password, 'Петрова Мария']) {
    expect(kept, `browser storage after «Выйти» holds «${secret}»`).not.toContain(secret);
  }

  const own = new Set([new URL(central.url).origin, new URL(kiosk.page.url()).origin]);
  const origin = (u: string) => new URL(u.replace(/^ws/, 'http')).origin;
  const foreign = urls.filter((u) => /^(https?|wss?):/.test(u) && !own.has(origin(u)));
  expect(urls.some((u) => u.endsWith('.js'))).toBe(true);
  expect(foreign).toEqual([]);
});
