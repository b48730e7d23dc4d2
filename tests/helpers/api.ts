/**
 * A small HTTP client for tests: keeps the session cookie and the CSRF token like a browser tab,
 * or sends a bearer token like automation.
 */
export class ApiClient {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string, public bearer: string | null = null) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && typeof body !== 'string') h['content-type'] = 'application/json';
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') h['x-csrf-token'] = this.csrfToken;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value.endsWith('=') ? null : value;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    const json = parsed as { csrfToken?: string } | null;
    if (json && typeof json === 'object' && typeof json.csrfToken === 'string') this.csrfToken = json.csrfToken;
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body ?? {});
  delete = (path: string) => this.request('DELETE', path);
}

export const PASSWORD = 'correct horse battery';

/** Signs up a new account (the first one on a server becomes admin). */
export async function signup(baseUrl: string, email: string, name = email.split('@')[0]!): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const res = await client.post('/api/auth/signup', { email, name, password: PASSWORD });
  if (res.status !== 201) throw new Error(`signup ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/**
 * A meeting with a chair (the admin who created it) and one member per requested role, each with
 * a personal access token for WebSocket and bearer use.
 */
export async function meetingWithMembers(baseUrl: string, roles: Array<'delegate' | 'reviewer' | 'observer'>) {
  const chair = await signup(baseUrl, 'chair@example.org', 'Chair');
  const created = await chair.post('/api/meetings', { title: { en: 'Test meeting', 'zh-Hant': '測試會議' } });
  if (created.status !== 201) throw new Error(`create meeting failed: ${created.status} ${JSON.stringify(created.body)}`);
  const meeting = created.body as { id: string; docName: string; reviewDocName: string };
  const members: Record<string, { api: ApiClient; token: string; userId: string }> = {};
  for (const role of roles) {
    const email = `${role}@example.org`;
    await chair.post(`/api/meetings/${meeting.id}/members`, { email, role });
    const api = await signup(baseUrl, email, role[0]!.toUpperCase() + role.slice(1));
    const token = (await api.post('/api/tokens', { name: 'ws' })).body.token as string;
    const me = await api.get('/api/me');
    members[role] = { api, token, userId: me.body.user.id };
  }
  const chairToken = (await chair.post('/api/tokens', { name: 'ws' })).body.token as string;
  const chairId = (await chair.get('/api/me')).body.user.id as string;
  members.chair = { api: chair, token: chairToken, userId: chairId };
  return { meeting, members };
}

/**
 * Waives every current finalisation blocker of a meeting (with the chair's or an admin's client),
 * for tests about what finalising does rather than what blocks it. Returns the waived blocker ids.
 */
export async function waiveAllBlockers(api: ApiClient, meetingId: string, reason = 'waived by a test about finalising itself'): Promise<string[]> {
  const listed = await api.get(`/api/meetings/${meetingId}/blockers`);
  if (listed.status !== 200) throw new Error(`blockers: ${listed.status} ${JSON.stringify(listed.body)}`);
  const open = (listed.body.blockers as Array<{ id: string; waiver: unknown }>).filter((b) => !b.waiver).map((b) => b.id);
  for (const blockerId of open) {
    const res = await api.post(`/api/meetings/${meetingId}/waivers`, { blockerId, reason });
    if (res.status !== 201) throw new Error(`waive ${blockerId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return open;
}

/** Waives whatever blocks finalisation, then finalises; returns the finalise response. */
export async function finaliseWaivingBlockers(api: ApiClient, meetingId: string) {
  await waiveAllBlockers(api, meetingId);
  return api.post(`/api/meetings/${meetingId}/finalise`);
}
