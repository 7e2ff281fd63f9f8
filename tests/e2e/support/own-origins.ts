/**
 * No request leaves the deployment (issue 15): the origins the test's own servers answer at (each
 * central server and kiosk host a test starts registers its address here), and which of the
 * addresses a browser asked for are none of them. The fixture (fixtures.ts) records every request
 * and socket of every page of every test and fails the test on a foreign one.
 */
const own = new Set<string>();

/** `http://127.0.0.1:5280/x` -> `http://127.0.0.1:5280`; a WebSocket's address counts as its server's. */
export function originOf(url: string): string {
  return new URL(url.replace(/^ws(s?):/, 'http$1:')).origin;
}

/** A server this test started: its address, also as `localhost` when it is the loopback one. */
export function ownOrigin(url: string): void {
  const u = new URL(originOf(url));
  own.add(u.origin);
  if (u.hostname === '127.0.0.1') own.add(`${u.protocol}//localhost:${u.port}`);
}

/** What a page loaded without asking anyone: inline data, its own blobs, the empty page. */
const LOCAL = /^(data|blob|about):/;

/** The addresses among `urls` that are not the product's own origins. */
export function foreignRequests(urls: readonly string[]): string[] {
  return urls.filter((u) => !LOCAL.test(u) && !own.has(originOf(u)));
}
