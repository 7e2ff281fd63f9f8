/**
 * The central server's sync endpoints, typed by core/contracts/sync.ts and checked at runtime.
 * Every answer that carries serverTime corrects the kiosk's clock.
 */
import { z } from 'zod';
import { ContentPack } from '../../../core/content/schema.ts';
import {
  CodeSchoolResponse,
  EnrollResponse,
  type EnrollRequest,
  LeaseResponse,
  type LeaseRequest,
  PullPage,
  PushResponse,
  type DeviceHealth,
} from '../../../core/contracts/sync.ts';
import type { Mutation } from '../../../core/mutations/schemas.ts';
import type { CorrectedClock } from '../clock.ts';
import { SchoolInfo } from '../store/meta.ts';
import { ParticipantLookupResponse } from '../../../core/contracts/sync-rows.ts';
import { JsonBody, requestJson, type RequestOptions } from './transport.ts';

/** The server answered with a refusal: {error: {code, message}}. */
export class SyncRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The credential no longer opens the server: this kiosk must be enrolled again. */
  get deviceLost(): boolean {
    return this.code === 'DEVICE_REVOKED' || this.code === 'DEVICE_UNKNOWN' || this.code === 'DEVICE_CLONED';
  }
}

const ErrorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
/** The enroll answer may name the school (proposed addition to EnrollResponse). */
const EnrollAnswer = EnrollResponse.extend({ school: SchoolInfo.optional() });

/**
 * `exchange` bounds a push or a pull: long enough for a 500-mutation batch over a slow school
 * link, short enough that a hung server shows as «Нет связи» soon after a student's save.
 */
export const TIMEOUTS = { short: 5_000, exchange: 15_000, long: 30_000 };

export class SyncApi {
  constructor(
    private readonly baseUrl: string,
    private readonly credential: () => string | undefined,
    private readonly clock: CorrectedClock,
    private readonly exchangeMs = TIMEOUTS.exchange,
  ) {}

  async #call<S extends z.ZodType>(
    schema: S,
    path: string,
    opts: Omit<RequestOptions, 'credential' | 'timeoutMs'> & { timeoutMs?: number; okStatuses?: number[] },
  ): Promise<z.infer<S>> {
    const base = this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`;
    const sentAt = this.clock.deviceTime();
    const res = await requestJson(new URL(path, base), {
      ...opts,
      credential: this.credential(),
      timeoutMs: opts.timeoutMs ?? TIMEOUTS.long,
    });
    // A 409 from push may be outcomes (a conflict) or a refusal of the device (a clone).
    const e = ErrorAnswer.safeParse(res.body);
    if (e.success || !(opts.okStatuses ?? [200]).includes(res.status)) {
      throw new SyncRefused(
        res.status,
        e.success ? e.data.error.code : `HTTP_${res.status}`,
        e.success ? e.data.error.message : '',
      );
    }
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) throw new SyncRefused(res.status, 'BAD_ANSWER', `unexpected answer from ${path}`);
    const serverTime = (parsed.data as { serverTime?: unknown }).serverTime;
    if (typeof serverTime === 'number') this.clock.observe(serverTime, sentAt, this.clock.deviceTime());
    return parsed.data;
  }

  enroll(body: EnrollRequest) {
    return this.#call(EnrollAnswer, 'api/sync/enroll', {
      method: 'POST',
      body,
      timeoutMs: TIMEOUTS.short * 2,
      okStatuses: [200, 201],
    });
  }

  /** A push request's body (PushRequest), serialised now to be sent later. */
  static pushBody(mutations: Mutation[], health: DeviceHealth): JsonBody {
    return JsonBody.of({ mutations, health });
  }

  /** 409 carries the same body: some outcome is a conflict, and the rest are still outcomes. */
  push(body: JsonBody, timeoutMs?: number) {
    return this.#call(PushResponse, 'api/sync/push', {
      method: 'POST',
      body,
      okStatuses: [200, 409],
      timeoutMs: timeoutMs ?? this.exchangeMs,
    });
  }

  pull(cursor: number, limit: number) {
    return this.#call(PullPage, `api/sync/pull?cursor=${cursor}&limit=${limit}`, {
      method: 'GET',
      timeoutMs: this.exchangeMs,
    });
  }

  /** The lease round: what this PC has used of each lease in, its leases after rebalancing out. */
  leases(held: LeaseRequest['held']) {
    return this.#call(LeaseResponse, 'api/sync/leases', { method: 'POST', body: { held } });
  }

  content() {
    return this.#call(ContentPack, 'api/sync/content', { method: 'GET' });
  }

  /** Whose a code is, before a student applies one this kiosk has not pulled. */
  codeSchool(code: string) {
    return this.#call(CodeSchoolResponse, 'api/sync/code', {
      method: 'POST',
      body: { code },
      timeoutMs: TIMEOUTS.short,
    });
  }

  /** A participant registered elsewhere, checked by the server; null when the password is wrong. */
  async lookupParticipant(email: string, password: string): Promise<ParticipantLookupResponse | null> {
    try {
      return await this.#call(ParticipantLookupResponse, 'api/sync/participant', {
        method: 'POST',
        body: { email, password },
        timeoutMs: TIMEOUTS.short,
      });
    } catch (err) {
      // A registration merged into another (issue 13) is refused with its reason, not as a bad password.
      const merged = err instanceof SyncRefused && err.code === 'REGISTRATION_MERGED';
      if (err instanceof SyncRefused && (err.status === 401 || err.status === 404) && !err.deviceLost && !merged)
        return null;
      throw err;
    }
  }
}
