import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';

export const SESSION_COOKIE = 'quorum_session';

/** Session secrets are base64url (newSecret): anything else cannot be one of ours. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Reads the session secret from the Cookie header with the `cookie` package (RFC 6265 parsing; a
 * malformed escape such as `%` is kept as is instead of throwing). A value that is not shaped like
 * one of our secrets is treated as no cookie: it can never match a session, and a garbage cookie
 * must never turn a request into a 500 (issue 13 finding 17).
 */
export function readSessionCookie(request: IncomingMessage): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  const value = parseCookie(header)[SESSION_COOKIE];
  return value !== undefined && SECRET_SHAPE.test(value) ? value : null;
}

/** httpOnly, SameSite=Lax (links from e-mail still work), Secure when served over https. */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value, path: '/', httpOnly: true, sameSite: 'lax', maxAge: maxAgeSeconds, secure });
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
