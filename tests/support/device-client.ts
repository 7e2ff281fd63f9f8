/** A minimal sync client for server tests: speaks the sync contract over real HTTP. */
import type { ParticipantLookupResponse } from '../../core/contracts/sync-rows.ts';
import type { DeviceHealth, LeaseResponse, PullResponse, PushResponse } from '../../core/contracts/sync.ts';
import type { Mutation } from '../../core/mutations/schemas.ts';

export class DeviceClient {
  constructor(
    readonly baseUrl: string,
    readonly credential: string,
    readonly instanceId: string,
  ) {}

  async #call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.credential}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  health(over: Partial<DeviceHealth> = {}): DeviceHealth {
    return {
      pending: 0,
      oldestPendingAt: null,
      lastSyncAt: null,
      lastError: null,
      clockOffsetMs: 0,
      appVersion: 'test',
      instanceId: this.instanceId,
      ...over,
    };
  }

  async push(mutations: readonly Mutation[] | unknown[], health?: DeviceHealth) {
    const r = await this.#call('POST', '/api/sync/push', { mutations, health: health ?? this.health() });
    return r as { status: number; body: PushResponse & { error?: { code: string; message: string } } };
  }

  async pull(cursor = 0, limit = 500) {
    const r = await this.#call('GET', `/api/sync/pull?cursor=${cursor}&limit=${limit}`);
    return r as { status: number; body: PullResponse };
  }

  /** Pulls page by page until the server says there is no more. */
  async pullAll(cursor = 0, limit = 500) {
    const changes: PullResponse['changes'] = [];
    for (;;) {
      const { body } = await this.pull(cursor, limit);
      changes.push(...body.changes);
      cursor = body.cursor;
      if (!body.hasMore) return { changes, cursor };
    }
  }

  /** A student signing in on a kiosk that asks the server (POST /api/sync/participant). */
  async lookup(email: string, password: string) {
    return (await this.#call('POST', '/api/sync/participant', { email, password })) as {
      status: number;
      body: ParticipantLookupResponse & { error?: { code: string } };
    };
  }

  /** The lease round: `held` says what this PC has used of each lease it holds. */
  async leases(held: { id: string; used: number }[] = []) {
    return (await this.#call('POST', '/api/sync/leases', { held })) as { status: number; body: LeaseResponse };
  }
}
