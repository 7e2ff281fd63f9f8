/**
 * The bridge as the kiosk page uses it: one persistent HTTP/1.1 connection to the local host,
 * a JSON POST per call. Node's own fetch (undici) spends more per request than the bridge itself
 * (streams, Headers objects), so timing saves through it would measure the client; this speaks
 * HTTP directly, as a browser's connection pool does.
 */
import http from 'node:http';
import type { KioskChannel, KioskInput } from '../../../core/contracts/kiosk.ts';

export class KeepAliveBridge {
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  readonly #url: URL;

  constructor(
    baseUrl: string,
    readonly token: string,
  ) {
    this.#url = new URL(baseUrl);
  }

  /** Resolves with the status once the whole JSON answer has arrived and parsed. */
  call<C extends KioskChannel>(channel: C, input: KioskInput<C>): Promise<number> {
    const body = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.#agent,
          host: this.#url.hostname,
          port: this.#url.port,
          path: `/kiosk-api/${channel}`,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-kiosk-session': this.token,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve(res.statusCode ?? 0);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
