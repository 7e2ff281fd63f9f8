import type { Me } from '../../core/contracts/api.ts';
import type { ServerContext } from '../context.ts';

/** Resolves the signed-in user from a Cookie header, or null. (Filled in by the auth module.) */
export async function sessionUser(_ctx: ServerContext, _cookieHeader: string | undefined): Promise<Me | null> {
  return null;
}
