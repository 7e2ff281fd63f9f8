/**
 * The session cookie. HttpOnly keeps the token away from page scripts; SameSite=Lax keeps it off
 * cross-site POSTs (so a foreign page cannot act in the cabinet) while a link into the cabinet
 * still arrives signed in; Secure whenever the request came over https.
 */
export const SESSION_COOKIE = 'mb_session';

/** Reads one cookie from a Cookie header; malformed pairs are ignored, never thrown on. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeMs: number, secure: boolean, name = SESSION_COOKIE): string {
  const attrs = [`${name}=${token}`, 'Path=/', `Max-Age=${Math.floor(maxAgeMs / 1000)}`, 'HttpOnly', 'SameSite=Lax'];
  if (secure) attrs.push('Secure');
  return attrs.join('; ');
}

export function clearedSessionCookie(secure: boolean, name = SESSION_COOKIE): string {
  return sessionCookie('', 0, secure, name);
}
