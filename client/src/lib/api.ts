import type { MeResponse } from '../../../shared/src/api/auth.ts';

/** An API error with the server's message (shown to the user) and stable code. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: Array<{ path: string; message: string }>) {
    super(message);
  }
}

/**
 * Whether an error is the server's refusal (4xx: no access, no such meeting), as opposed to no
 * answer at all (a network failure, the service worker's "offline, no copy here" 503, a server
 * error). Only a refusal says that what the page already holds is no longer the user's to show.
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

let csrfToken: string | null = null;

/** Remembers the CSRF token the server hands out with the session (sent back on every change). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for requests made outside `api` (e.g. a keepalive fetch while the page unloads). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/**
 * How long a request may wait for the server's answer. A network that hangs (a captive portal, a
 * conference Wi-Fi that drops packets without closing anything) otherwise leaves a button spinning
 * forever; after this the caller gets an ApiError with code `timeout` and the user can try again.
 * Uploads carry a file over what may be a slow link, so they wait longer.
 */
export const API_TIMEOUT_MS = 30_000;
export const UPLOAD_TIMEOUT_MS = 120_000;

/** fetch() that gives up after `timeoutMs`, rejecting with ApiError(0, 'timeout') instead of hanging. */
export async function fetchWithTimeout(input: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new ApiError(0, 'timeout', `no answer from the server within ${Math.round(timeoutMs / 1000)} s`);
    }
    throw error;
  }
}

/** POST of a raw body (pasted text, an uploaded file) with the same credentials as `api`. */
export async function apiPostRaw<T = unknown>(path: string, body: BodyInit, contentType: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetchWithTimeout(`/api${path}`, { method: 'POST', headers, credentials: 'same-origin', body }, UPLOAD_TIMEOUT_MS);
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const err = (data ?? {}) as { error?: string; code?: string; details?: unknown };
    throw new ApiError(response.status, err.code ?? 'error', err.error ?? `request failed (${response.status})`, Array.isArray(err.details) ? err.details : undefined);
  }
  return data as T;
}

/** JSON request to `/api/...` with the session cookie and CSRF token; throws ApiError on failure. */
export async function api<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) };
  const response = await fetchWithTimeout(`/api${path}`, init, API_TIMEOUT_MS);
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const err = (data ?? {}) as { error?: string; code?: string; details?: Array<{ path: string; message: string }> };
    throw new ApiError(response.status, err.code ?? 'error', err.error ?? `request failed (${response.status})`, err.details);
  }
  const withCsrf = data as { csrfToken?: unknown };
  if (typeof withCsrf?.csrfToken === 'string') setCsrfToken(withCsrf.csrfToken);
  return data as T;
}

export type Me = MeResponse['user'];
