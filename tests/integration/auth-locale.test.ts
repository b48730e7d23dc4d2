import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD, signup } from '../helpers/api.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

afterEach(stopAllTestServers);

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
const enforced = () => startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN, LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });

describe('interface language kept on the account (PATCH /api/me)', () => {
  it('starts unset, is stored, survives a new log-in on another device and can be cleared', async () => {
    const { url } = await enforced();
    const account = await signup(url, 'zh@example.org');
    expect((await account.get('/api/me')).body.user.locale).toBeNull();

    const changed = await account.patch('/api/me', { locale: 'zh-Hant' });
    expect(changed.status).toBe(200);
    expect(changed.body.user.locale).toBe('zh-Hant');
    expect((await account.get('/api/me')).body.user.locale).toBe('zh-Hant');

    // A second device logs in: the choice comes with the login answer, before any GET /me.
    const other = new ApiClient(url);
    const login = await other.post('/api/auth/login', { email: 'zh@example.org', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.locale).toBe('zh-Hant');

    expect((await other.patch('/api/me', { locale: null })).body.user.locale).toBeNull();
    expect((await account.get('/api/me')).body.user.locale).toBeNull();
  });

  it('keeps each account its own choice', async () => {
    const { url } = await enforced();
    const a = await signup(url, 'a@example.org');
    const chair = a;
    const meeting = (await chair.post('/api/meetings', { title: { en: 'M' } })).body;
    await chair.post(`/api/meetings/${meeting.id}/members`, { email: 'b@example.org', role: 'delegate' });
    const b = await signup(url, 'b@example.org');
    await a.patch('/api/me', { locale: 'en' });
    await b.patch('/api/me', { locale: 'zh-Hant' });
    expect((await a.get('/api/me')).body.user.locale).toBe('en');
    expect((await b.get('/api/me')).body.user.locale).toBe('zh-Hant');
  });

  it('refuses unknown languages, wrong types and extra fields with a clear 400, and changes nothing', async () => {
    const { url } = await enforced();
    const account = await signup(url, 'x@example.org');
    await account.patch('/api/me', { locale: 'en' });
    for (const body of [{ locale: 'fr' }, { locale: 'zh-hant ' }, { locale: 42 }, { locale: ['en'] }, {}, { locale: 'en', isAdmin: true }, '"en"']) {
      const res = await account.request('PATCH', '/api/me', body, typeof body === 'string' ? { 'content-type': 'application/json' } : {});
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(typeof res.body.error).toBe('string');
    }
    expect((await account.get('/api/me')).body.user.locale).toBe('en');
  });

  it('needs a signed-in user with a CSRF token, and has nothing to keep for the bootstrap admin token', async () => {
    const { url } = await enforced();
    expect((await new ApiClient(url).patch('/api/me', { locale: 'en' })).status).toBe(401);
    const account = await signup(url, 'y@example.org');
    const withoutCsrf = new ApiClient(url);
    withoutCsrf.cookie = account.cookie;
    expect((await withoutCsrf.patch('/api/me', { locale: 'zh-Hant' })).status).toBe(403);
    expect((await account.get('/api/me')).body.user.locale).toBeNull();
    expect((await new ApiClient(url, ADMIN_TOKEN).patch('/api/me', { locale: 'en' })).status).toBe(400);
  });
});
