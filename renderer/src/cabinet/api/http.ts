/**
 * The central server's HTTP API for the cabinet and the dashboard: same-origin fetch with the
 * session cookie, every answer checked against the shared contract, every refusal turned into a
 * BridgeError carrying the server's Russian message, so forms show it as they show the kiosk's.
 */
import type { z } from 'zod';
import { CLIENT_HEADER } from '../../../../core/contracts/api.ts';
import { ErrorBody } from '../../../../core/contracts/common.ts';
import { accountScreenMessages as m } from '../../../../core/messages/cabinet-screens.ts';
import { BridgeError } from '../../lib/bridge/bridge-error.ts';

/** Called when the server says the session is gone, so the screen can return to «Войти». */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(listener: () => void): void {
  onUnauthorized = listener;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { [CLIENT_HEADER]: '1' } : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new BridgeError({ code: 'OFFLINE', message: m.offline });
  }
  if (res.ok) return res;
  const parsed = ErrorBody.safeParse(await res.json().catch(() => null));
  if (res.status === 401 && !path.endsWith('/login')) onUnauthorized();
  if (parsed.success) throw new BridgeError(parsed.data.error);
  throw new BridgeError({ code: `HTTP_${res.status}`, message: m.failed });
}

export async function call<S extends z.ZodType>(
  schema: S,
  method: string,
  path: string,
  body?: unknown,
): Promise<z.output<S>> {
  const res = await send(method, path, body);
  const parsed = schema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new BridgeError({ code: 'BAD_RESPONSE', message: m.failed });
  return parsed.data;
}

export async function callEmpty(method: string, path: string, body?: unknown): Promise<void> {
  await send(method, path, body);
}

/** Fetches a file and hands it to the browser as a download, keeping the server's file name. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const res = await send('GET', path);
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file; give it a moment before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const errorText = (error: unknown): string => (error instanceof BridgeError ? error.message : m.failed);
