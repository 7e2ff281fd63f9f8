/** Accounts for HTTP tests: organizers, technical support and co-organizers, signing in, and a small cookie-carrying client. */
import { CLIENT_HEADER } from '../../../core/contracts/api.ts';
import { uuidv7 } from '../../../core/ids.ts';
import { createUser } from '../../../sync-server/auth/users.repository.ts';
import type { ServerContext } from '../../../sync-server/context.ts';
import { FIXED_HASH, PASSWORD } from '../../support/factories.ts';

export { PASSWORD };

async function createStaff(ctx: ServerContext, role: 'organizer' | 'support', fullName: string, email: string) {
  const id = await createUser(ctx.db, { role, email, fullName, passwordHash: FIXED_HASH, schoolId: null }, ctx.now());
  return { id, email };
}

export function createOrganizer(ctx: ServerContext, email = `org-${uuidv7().slice(-8)}@test.ru`) {
  return createStaff(ctx, 'organizer', 'Организатор', email);
}

export function createSupport(ctx: ServerContext, email = `support-${uuidv7().slice(-8)}@test.ru`) {
  return createStaff(ctx, 'support', 'Техническая поддержка', email);
}

export async function createCoorganizer(
  ctx: ServerContext,
  schoolId: string,
  email = `co-${uuidv7().slice(-8)}@test.ru`,
) {
  const id = await createUser(
    ctx.db,
    { role: 'coorganizer', email, fullName: 'Соорганизатор', passwordHash: FIXED_HASH, schoolId },
    ctx.now(),
  );
  return { id, email };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps the session cookie it is given and sends it back. */
export class Client {
  cookie: string | undefined;
  constructor(
    readonly baseUrl: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...this.headers,
        // As the screens do (renderer/src/cabinet/api/http.ts): JSON, or their own header.
        ...(body === undefined ? { [CLIENT_HEADER]: '1' } : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie()[0];
    if (set) this.cookie = set.split(';')[0];
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.call<T>('POST', path, body);
  }
  put<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.call<T>('PUT', path, body);
  }

  async login(email: string, password = PASSWORD): Promise<Reply> {
    return this.post('/api/auth/login', { email, password });
  }
}

/** A client already signed in as this account. */
export async function signedIn(baseUrl: string, email: string): Promise<Client> {
  const c = new Client(baseUrl);
  const r = await c.login(email);
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}

export type ErrorReply = { error: { code: string; message: string; fields?: Record<string, string> } };
