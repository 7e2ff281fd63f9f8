/**
 * The one kiosk API router, shared by the Electron IPC bridge and the HTTP bridge. It refuses
 * calls from a sender that is not the app's own page, unknown channels and invalid payloads,
 * and checks every answer against the contract too. No Electron here: the IPC side passes the
 * sender frame's URL in, so the router is tested in plain Node.
 */
import { kioskApi, type KioskChannel, type KioskError } from '../../core/contracts/kiosk.ts';
import type { z } from 'zod';
import type { Handlers, HostContext } from './context.ts';
import { kioskMessages } from '../../core/messages/kiosk.ts';
import { KioskFault } from './errors.ts';

export interface RouteCall {
  sessionId: string | null;
  /** URL of the page that sent the call (IPC: the sender frame; HTTP: the Origin header, if any). */
  senderUrl?: string | undefined;
}

export type RouteResult =
  | { ok: true; value: unknown; sessionId: string | null }
  | { ok: false; status: number; error: KioskError; sessionId: string | null };

export interface RouterOptions {
  /** True when the page at this URL is the app's own. */
  trustSender: (url: URL) => boolean;
}

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  return fields;
}

export function isChannel(name: unknown): name is KioskChannel {
  return typeof name === 'string' && Object.hasOwn(kioskApi, name);
}

/** A call without a sender URL is not from a browser page; one with a URL must be the app's own. */
export function isTrustedSender(trustSender: (url: URL) => boolean, senderUrl: string | undefined): boolean {
  if (senderUrl === undefined) return true;
  try {
    return trustSender(new URL(senderUrl));
  } catch {
    return false;
  }
}

export function createRouter(handlers: Handlers, host: HostContext, opts: RouterOptions) {
  const trusted = (senderUrl: string | undefined) => isTrustedSender(opts.trustSender, senderUrl);

  return async function dispatch(channel: unknown, input: unknown, call: RouteCall): Promise<RouteResult> {
    const session = { sessionId: call.sessionId };
    const fail = (f: KioskFault): RouteResult => ({
      ok: false,
      status: f.status,
      error: f.toError(),
      sessionId: session.sessionId,
    });
    if (!trusted(call.senderUrl)) return fail(KioskFault.of(403, 'FOREIGN_SENDER'));
    if (!isChannel(channel)) return fail(KioskFault.of(404, 'UNKNOWN_CHANNEL'));
    const schema = kioskApi[channel];
    const parsed = schema.input.safeParse(input ?? {});
    if (!parsed.success) {
      const fields = fieldsOf(parsed.error);
      return fail(
        new KioskFault(400, 'INVALID_INPUT', Object.values(fields)[0] ?? kioskMessages.INVALID_INPUT, fields),
      );
    }
    try {
      const handler = handlers[channel] as (i: unknown, c: typeof session, h: HostContext) => unknown;
      const value = await handler(parsed.data, session, host);
      const out = schema.output.safeParse(value);
      if (!out.success) {
        host.log('kiosk api: answer breaks the contract', { channel, issues: out.error.issues.slice(0, 3) });
        return fail(KioskFault.of(500, 'INTERNAL'));
      }
      return { ok: true, value: out.data, sessionId: session.sessionId };
    } catch (err) {
      if (err instanceof KioskFault) return fail(err);
      host.log('kiosk api: handler failed', { channel, err: err instanceof Error ? err.stack : String(err) });
      return fail(KioskFault.of(500, 'INTERNAL'));
    }
  };
}

export type Dispatch = ReturnType<typeof createRouter>;
