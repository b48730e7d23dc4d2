import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD, signup } from '../helpers/api.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

afterEach(stopAllTestServers);

const enforced = () => startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: 'admin-token-for-tests-0123456789', LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });

describe('accounts and sessions', () => {
  it('makes the first account admin and refuses free sign-up afterwards, without revealing who exists', async () => {
    const { url } = await enforced();
    const first = await signup(url, 'first@example.org');
    expect((await first.get('/api/me')).body.user.isAdmin).toBe(true);
    const stranger = new ApiClient(url);
    const refusedNew = await stranger.post('/api/auth/signup', { email: 'new@example.org', name: 'New', password: PASSWORD });
    const refusedTaken = await stranger.post('/api/auth/signup', { email: 'FIRST@example.org', name: 'Dup', password: PASSWORD });
    expect(refusedNew.status).toBe(403);
    expect(refusedTaken.status).toBe(403);
    expect(refusedTaken.body.error).toBe(refusedNew.body.error);
  });

  it('lets an e-mail added as a member sign up, and gives it the role', async () => {
    const { url } = await enforced();
    const chair = await signup(url, 'chair@example.org');
    const meeting = (await chair.post('/api/meetings', { title: { en: 'M' } })).body;
    expect((await chair.post(`/api/meetings/${meeting.id}/members`, { email: 'Del@Example.org', role: 'delegate' })).status).toBe(202);
    const delegate = await signup(url, 'del@example.org');
    const seen = await delegate.get(`/api/meetings/${meeting.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.role).toBe('delegate');
  });

  it('logs in with the right password only, uniformly, and rotates the session id', async () => {
    const { url } = await enforced();
    const account = await signup(url, 'a@example.org');
    const firstCookie = account.cookie;
    const wrong = await new ApiClient(url).post('/api/auth/login', { email: 'a@example.org', password: 'nope nope nope' });
    const unknown = await new ApiClient(url).post('/api/auth/login', { email: 'zz@example.org', password: 'nope nope nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe(wrong.body.error);
    for (const password of ['', 'undefined', 'null']) {
      expect((await new ApiClient(url).post('/api/auth/login', { email: 'a@example.org', password })).status).toBeGreaterThanOrEqual(400);
    }
    expect((await new ApiClient(url).post('/api/auth/login', { email: 'a@example.org' })).status).toBe(400);
    const relogin = await account.post('/api/auth/login', { email: 'a@example.org', password: PASSWORD });
    expect(relogin.status).toBe(200);
    expect(account.cookie).not.toBe(firstCookie);
    // The old session no longer works.
    const stale = new ApiClient(url);
    stale.cookie = firstCookie;
    expect((await stale.get('/api/me')).status).toBe(401);
    expect((await account.get('/api/me')).status).toBe(200);
  });

  it('never logs in a password-less guest, whatever password is sent', async () => {
    const { url } = await enforced();
    const chair = await signup(url, 'chair@example.org');
    const meeting = (await chair.post('/api/meetings', { title: { en: 'M' } })).body;
    const invite = (await chair.post(`/api/meetings/${meeting.id}/invites`, { role: 'observer' })).body;
    const guest = await new ApiClient(url).post(`/api/invites/${invite.code}/accept`, { name: 'Guest' });
    expect(guest.status).toBe(201);
    // Guests have no e-mail, so no log-in can address them at all; and an "undefined" password never matches.
    for (const password of ['undefined', 'null', ' ']) {
      expect((await new ApiClient(url).post('/api/auth/login', { email: 'undefined', password })).status).toBeGreaterThanOrEqual(400);
    }
  });

  it('requires the CSRF token for cookie-authenticated changes and refuses foreign origins', async () => {
    const { url } = await enforced();
    const admin = await signup(url, 'admin@example.org');
    const token = admin.csrfToken;
    admin.csrfToken = null;
    const noCsrf = await admin.post('/api/meetings', { title: { en: 'M' } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('csrf');
    admin.csrfToken = token;
    const foreign = await admin.request('POST', '/api/meetings', { title: { en: 'M' } }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await admin.post('/api/meetings', { title: { en: 'M' } })).status).toBe(201);
  });

  it('issues personal access tokens that work as bearer, and revokes them', async () => {
    const { url } = await enforced();
    const admin = await signup(url, 'admin@example.org');
    const created = await admin.post('/api/tokens', { name: 'automation' });
    expect(created.status).toBe(201);
    const bearer = new ApiClient(url, created.body.token);
    expect((await bearer.get('/api/me')).status).toBe(200);
    // Bearer requests need no CSRF token (not ambient).
    expect((await bearer.post('/api/meetings', { title: { en: 'By token' } })).status).toBe(201);
    const listed = await admin.get('/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect((await admin.delete(`/api/tokens/${created.body.id}`)).status).toBe(204);
    expect((await bearer.get('/api/me')).status).toBe(401);
    for (const bad of ['', 'qrm_', 'qrm_nonsense', 'Bearer', 'x'.repeat(600)]) {
      expect((await new ApiClient(url, bad).get('/api/me')).status).toBe(401);
    }
  });

  it('accepts ADMIN_TOKEN as an admin bearer token', async () => {
    const { url } = await enforced();
    const admin = new ApiClient(url, 'admin-token-for-tests-0123456789');
    expect((await admin.get('/api/me')).body.user.isAdmin).toBe(true);
    expect((await admin.post('/api/meetings', { title: { en: 'Automated' } })).status).toBe(201);
    expect((await new ApiClient(url, 'admin-token-for-tests-012345678X').get('/api/me')).status).toBe(401);
  });

  it('changes the password and ends other sessions', async () => {
    const { url } = await enforced();
    const tab1 = await signup(url, 'a@example.org');
    const tab2 = new ApiClient(url);
    await tab2.post('/api/auth/login', { email: 'a@example.org', password: PASSWORD });
    expect((await tab1.post('/api/auth/password', { currentPassword: 'wrong password!', newPassword: 'another long password' })).status).toBe(403);
    expect((await tab1.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' })).status).toBe(204);
    expect((await tab1.get('/api/me')).status).toBe(200);
    expect((await tab2.get('/api/me')).status).toBe(401);
    expect((await new ApiClient(url).post('/api/auth/login', { email: 'a@example.org', password: 'another long password' })).status).toBe(200);
  });

  it('rate-limits log-in attempts per client address', async () => {
    const { url } = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '3' } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await new ApiClient(url).post('/api/auth/login', { email: 'x@example.org', password: 'whatever pw' })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[4]).toBe(429);
    // A spoofed X-Forwarded-For does not reset the limit (no trusted proxy configured).
    const spoofed = await new ApiClient(url).request('POST', '/api/auth/login', { email: 'x@example.org', password: 'whatever pw' }, { 'x-forwarded-for': '203.0.113.9' });
    expect(spoofed.status).toBe(429);
  });

  it('answers bad bodies with 400 and unknown routes with 404, as JSON', async () => {
    const { url } = await enforced();
    const client = new ApiClient(url);
    const malformed = await client.request('POST', '/api/auth/login', '{not json', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBeTruthy();
    expect((await client.get('/api/nope')).status).toBe(404);
    const admin = new ApiClient(url, 'admin-token-for-tests-0123456789');
    expect((await admin.get('/api/meetings/..%2f..%2fetc')).status).toBe(404);
    expect((await admin.get('/api/meetings/UNKNOWN')).status).toBe(404);
  });
});

describe('invite links', () => {
  it('are refused when expired, revoked or used up; two guests racing for a single-use link: one wins', async () => {
    const testServer = await enforced();
    const url = testServer.url;
    const chair = await signup(url, 'chair@example.org');
    const meeting = (await chair.post('/api/meetings', { title: { en: 'M' } })).body;
    const make = async () => (await chair.post(`/api/meetings/${meeting.id}/invites`, { role: 'delegate' })).body;

    const single = await make();
    const race = await Promise.all([0, 1, 2].map((i) => new ApiClient(url).post(`/api/invites/${single.code}/accept`, { name: `Racer ${i}` })));
    expect(race.map((r) => r.status).sort()).toEqual([201, 410, 410]);

    const revoked = await make();
    expect((await chair.delete(`/api/meetings/${meeting.id}/invites/${revoked.id}`)).status).toBe(204);
    expect((await new ApiClient(url).post(`/api/invites/${revoked.code}/accept`, { name: 'Late' })).status).toBe(410);

    const expired = await make();
    await testServer.server.sql.db.updateTable('invites').set({ expires_at: Date.now() - 1 }).where('id', '=', expired.id).execute();
    expect((await new ApiClient(url).post(`/api/invites/${expired.code}/accept`, { name: 'Late' })).status).toBe(410);
    expect((await new ApiClient(url).post('/api/invites/not-a-code/accept', { name: 'Nobody' })).status).toBe(410);
    expect((await new ApiClient(url).post(`/api/invites/${(await make()).code}/accept`, { name: '' })).status).toBe(400);
  });

  it('limits a guest to the meeting of the invite', async () => {
    const testServer = await enforced();
    const url = testServer.url;
    const chair = await signup(url, 'chair@example.org');
    const a = (await chair.post('/api/meetings', { title: { en: 'A' } })).body;
    const b = (await chair.post('/api/meetings', { title: { en: 'B' } })).body;
    const invite = (await chair.post(`/api/meetings/${a.id}/invites`, { role: 'delegate' })).body;
    const guest = await new ApiClient(url).post(`/api/invites/${invite.code}/accept`, { name: 'Guest' });
    const asGuest = new ApiClient(url, guest.body.token);
    // Even with a membership in B (written straight into the database), the guest stays bound to A.
    await testServer.server.sql.db.insertInto('memberships').values({ meeting_id: b.id, user_id: guest.body.user.id, role: 'delegate', created_at: Date.now() }).execute();
    expect((await asGuest.get(`/api/meetings/${a.id}`)).status).toBe(200);
    expect((await asGuest.get(`/api/meetings/${b.id}`)).status).toBe(403);
    expect((await asGuest.get('/api/meetings')).body.meetings.map((m: { id: string }) => m.id)).toEqual([a.id]);
  });
});
