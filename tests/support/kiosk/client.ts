/** A kiosk API client over HTTP, as the screens' HTTP bridge speaks it (session token in memory). */
import type { KioskChannel, KioskError, KioskInput, KioskOutput } from '../../../core/contracts/kiosk.ts';

export type Answer<C extends KioskChannel> =
  { ok: true; status: number; body: KioskOutput<C> } | { ok: false; status: number; error: KioskError };

export class KioskClient {
  token: string | null = null;

  constructor(readonly baseUrl: string) {}

  async call<C extends KioskChannel>(
    channel: C,
    input: KioskInput<C>,
    headers: Record<string, string> = {},
  ): Promise<Answer<C>> {
    const res = await fetch(`${this.baseUrl}/kiosk-api/${channel}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { 'x-kiosk-session': this.token } : {}),
        ...headers,
      },
      body: JSON.stringify(input),
    });
    const session = res.headers.get('x-kiosk-session');
    if (session) this.token = session;
    if (channel === 'logout') this.token = null;
    const body = (await res.json()) as KioskOutput<C> & { error: KioskError };
    return res.ok ? { ok: true, status: res.status, body } : { ok: false, status: res.status, error: body.error };
  }

  /** Calls and insists on success. */
  async ok<C extends KioskChannel>(channel: C, input: KioskInput<C>): Promise<KioskOutput<C>> {
    const a = await this.call(channel, input);
    if (!a.ok) throw new Error(`${channel} refused: ${a.status} ${a.error.code} ${a.error.message}`);
    return a.body;
  }
}

/** Polls until `check` holds (sync happens in the background). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
