import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, finaliseWaivingBlockers, signup } from '../helpers/api.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const TITLE = { en: 'Anti-Corruption Working Group', 'zh-Hant': '反貪腐工作小組' };

/** `GET /api/invites/:code`: what the invite page shows before anything is typed. */
describe('the public summary of an invite link', () => {
  let server: TestServer;
  let chair: ApiClient;
  let meetingId: string;
  const anonymous = () => new ApiClient(server.url);
  const invite = async (body: Record<string, unknown> = { role: 'reviewer' }) => (await chair.post(`/api/meetings/${meetingId}/invites`, body)).body as { id: string; code: string };

  beforeAll(async () => {
    server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
    chair = await signup(server.url, 'chair@example.org', 'Chair Lin');
    meetingId = (await chair.post('/api/meetings', { title: TITLE })).body.id;
  });
  afterAll(() => stopAllTestServers());

  it('a usable link names the meeting, the inviter and the role, and nothing else', async () => {
    const { code } = await invite({ role: 'reviewer', expiresInHours: 48 });
    const res = await anonymous().get(`/api/invites/${code}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'inviterName', 'meetingTitle', 'role', 'state']);
    expect(res.body).toMatchObject({ state: 'valid', meetingTitle: TITLE, inviterName: 'Chair Lin', role: 'reviewer' });
    expect(res.body.expiresAt).toBeGreaterThan(Date.now() + 47 * 3600_000);
  });

  it('a used, expired or revoked link, or one to a finalised meeting, says only that', async () => {
    const used = await invite();
    expect((await anonymous().post(`/api/invites/${used.code}/accept`, { name: 'Guest' })).status).toBe(201);
    expect((await anonymous().get(`/api/invites/${used.code}`)).body).toEqual({ state: 'used' });

    const expired = await invite();
    await server.server.sql.db.updateTable('invites').set({ expires_at: Date.now() - 1 }).where('id', '=', expired.id).execute();
    expect((await anonymous().get(`/api/invites/${expired.code}`)).body).toEqual({ state: 'expired' });

    const revoked = await invite();
    expect((await chair.delete(`/api/meetings/${meetingId}/invites/${revoked.id}`)).status).toBe(204);
    expect((await anonymous().get(`/api/invites/${revoked.code}`)).body).toEqual({ state: 'revoked' });

    const unknown = await anonymous().get('/api/invites/not-a-real-code');
    expect(unknown.status).toBe(404);

    const open = await invite();
    expect((await finaliseWaivingBlockers(chair, meetingId)).status).toBe(200);
    expect((await anonymous().get(`/api/invites/${open.code}`)).body).toEqual({ state: 'closed' });
  });
});
