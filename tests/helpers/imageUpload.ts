import type { ApiClient } from './api.ts';

/** Sends a file as the raw request body, with the client's credentials (bearer or cookie + CSRF). */
export async function uploadImage(api: ApiClient, path: string, bytes: Uint8Array, contentType: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (api.bearer) headers.authorization = `Bearer ${api.bearer}`;
  if (api.cookie) headers.cookie = api.cookie;
  if (api.csrfToken) headers['x-csrf-token'] = api.csrfToken;
  // A copy typed as an ArrayBuffer view, which fetch's body type asks for.
  const response = await fetch(api.baseUrl + path, { method: 'POST', headers, body: new Uint8Array(bytes) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, body };
}

/** GETs an image's bytes and headers with the client's credentials. */
export async function fetchImage(api: ApiClient, url: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const h: Record<string, string> = { ...headers };
  if (api.bearer) h.authorization = `Bearer ${api.bearer}`;
  if (api.cookie) h.cookie = api.cookie;
  const response = await fetch(api.baseUrl + url, { headers: h });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}
