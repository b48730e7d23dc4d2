import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { ApiClient, finaliseWaivingBlockers, meetingWithMembers, signup } from '../helpers/api.ts';
import { RawSocket } from '../helpers/rawSocket.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/** Issue 13 finding 20: who sees e-mail addresses, the account oracle in member adding, and guests' access ending. */
afterEach(stopAllTestServers);

const start = (env: Record<string, string> = {}) => startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', ...env } });

async function acceptInvite(server: TestServer, chair: ApiClient, meetingId: string, role = 'observer') {
  const invite = (await chair.post(`/api/meetings/${meetingId}/invites`, { role })).body;
  const accepted = await new ApiClient(server.url).post(`/api/invites/${invite.code}/accept`, { name: 'Guest' });
  expect(accepted.status).toBe(201);
  return { invite, token: accepted.body.token as string, userId: accepted.body.user.id as string, api: new ApiClient(server.url, accepted.body.token) };
}

describe('member e-mail addresses', () => {
  it('are shown to chairs and admins only: delegates, reviewers, observers and guests see names and roles', async () => {
    const server = await start();
    const { meeting, members } = await meetingWithMembers(server.url, ['delegate', 'reviewer', 'observer']);
    const guest = await acceptInvite(server, members.chair!.api, meeting.id);
    for (const who of ['delegate', 'reviewer', 'observer'] as const) {
      const listed = await members[who]!.api.get(`/api/meetings/${meeting.id}/members`);
      expect(listed.status, who).toBe(200);
      expect(listed.body.members.length, who).toBe(5);
      expect(listed.body.members.every((m: { email: string | null }) => m.email === null), who).toBe(true);
      expect(JSON.stringify(listed.body), who).not.toContain('@example.org');
    }
    expect(JSON.stringify((await guest.api.get(`/api/meetings/${meeting.id}/members`)).body)).not.toContain('@example.org');
    const asChair = await members.chair!.api.get(`/api/meetings/${meeting.id}/members`);
    expect(asChair.body.members.map((m: { email: string | null }) => m.email).filter(Boolean).sort()).toEqual(['chair@example.org', 'delegate@example.org', 'observer@example.org', 'reviewer@example.org']);
  });
});

describe('adding a member by e-mail', () => {
  it('answers the same whether or not the address has an account, and shows both as pending until the account uses its place', async () => {
    const server = await start();
    const admin = await signup(server.url, 'admin@example.org', 'Admin');
    const elsewhere = (await admin.post('/api/meetings', { title: { en: 'Elsewhere' } })).body;
    await admin.post(`/api/meetings/${elsewhere.id}/members`, { email: 'known@example.org', role: 'delegate' });
    const known = await signup(server.url, 'known@example.org', 'Known');
    // A chair who is not an admin, of another meeting.
    const meeting = (await admin.post('/api/meetings', { title: { en: 'Probe' } })).body;
    await admin.post(`/api/meetings/${meeting.id}/members`, { email: 'chair@example.org', role: 'chair' });
    const chair = await signup(server.url, 'chair@example.org', 'Chair');

    const forKnown = await chair.post(`/api/meetings/${meeting.id}/members`, { email: 'known@example.org', role: 'observer' });
    const forUnknown = await chair.post(`/api/meetings/${meeting.id}/members`, { email: 'nobody@example.org', role: 'observer' });
    expect(forKnown.status).toBe(forUnknown.status);
    expect(forKnown.status).toBe(202);
    expect({ ...forKnown.body, email: 'x' }).toEqual({ ...forUnknown.body, email: 'x' });
    const listed = (await chair.get(`/api/meetings/${meeting.id}/members`)).body;
    expect(listed.pending.map((p: { email: string }) => p.email).sort()).toEqual(['known@example.org', 'nobody@example.org']);
    expect(listed.members.map((m: { name: string }) => m.name)).not.toContain('Known');
    const audit = (await chair.get(`/api/meetings/${meeting.id}/audit`)).body.entries.filter((e: { action: string }) => e.action === 'member.add');
    expect(audit.map((e: { details: object }) => Object.keys(e.details).sort())).toEqual([['email', 'role'], ['email', 'role'], ['email', 'role']]);

    // The account takes its place the first time it looks: its meeting list, or the meeting itself.
    expect((await known.get('/api/meetings')).body.meetings.map((m: { id: string; role: string }) => `${m.id}:${m.role}`)).toContain(`${meeting.id}:observer`);
    const after = (await chair.get(`/api/meetings/${meeting.id}/members`)).body;
    expect(after.pending.map((p: { email: string }) => p.email)).toEqual(['nobody@example.org']);
    const knownId = (await known.get('/api/me')).body.user.id;
    expect(after.members.find((m: { userId: string }) => m.userId === knownId)).toMatchObject({ role: 'observer', email: 'known@example.org' });
    // Adding an existing member again changes the role at once (nothing new to learn there).
    await chair.post(`/api/meetings/${meeting.id}/members`, { email: 'known@example.org', role: 'reviewer' });
    expect((await known.get(`/api/meetings/${meeting.id}`)).body.role).toBe('reviewer');
    // Removing a member also drops a pending place for the same address; a pending place can be withdrawn.
    expect((await chair.delete(`/api/meetings/${meeting.id}/members/${knownId}`)).status).toBe(204);
    expect((await known.get(`/api/meetings/${meeting.id}`)).status).toBe(403);
    expect((await chair.delete(`/api/meetings/${meeting.id}/pending/nobody%40example.org`)).status).toBe(204);
    expect((await chair.get(`/api/meetings/${meeting.id}/members`)).body.pending).toEqual([]);
  });

  it('a place taken on first use also opens the WebSocket', async () => {
    const server = await start();
    const { meeting, members } = await meetingWithMembers(server.url, ['delegate']);
    const other = (await members.chair!.api.post('/api/meetings', { title: { en: 'Second' } })).body;
    await members.chair!.api.post(`/api/meetings/${other.id}/members`, { email: 'delegate@example.org', role: 'delegate' });
    const socket = await RawSocket.open(`${server.wsUrl}/${other.docName}?token=${members.delegate!.token}`);
    socket.close();
    expect((await members.delegate!.api.get(`/api/meetings/${meeting.id}`)).body.role).toBe('delegate');
  });
});

describe('guest access ends with the invite’s access to the meeting', () => {
  const meAs = (server: TestServer, token: string) => new ApiClient(server.url, token).get('/api/me');

  it('removing the guest ends its token and session, and closes its socket', async () => {
    const server = await start();
    const { meeting, members } = await meetingWithMembers(server.url, []);
    const guest = await acceptInvite(server, members.chair!.api, meeting.id);
    const socket = await RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${guest.token}`);
    expect((await members.chair!.api.delete(`/api/meetings/${meeting.id}/members/${guest.userId}`)).status).toBe(204);
    expect((await socket.waitClosed(2_000)).code).toBeGreaterThanOrEqual(4400);
    expect((await meAs(server, guest.token)).status).toBe(401);
  });

  it('revoking the invite ends the access of the guests who came through it (token, socket), not of others', async () => {
    const server = await start();
    const { meeting, members } = await meetingWithMembers(server.url, []);
    const first = await acceptInvite(server, members.chair!.api, meeting.id);
    const second = await acceptInvite(server, members.chair!.api, meeting.id);
    const socket = await RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${first.token}`);
    expect((await members.chair!.api.delete(`/api/meetings/${meeting.id}/invites/${first.invite.id}`)).status).toBe(204);
    expect((await socket.waitClosed(2_000)).code).toBe(CloseCode.Unauthorized);
    expect((await meAs(server, first.token)).status).toBe(401);
    expect((await meAs(server, second.token)).status).toBe(200);
  });

  it('finalising the meeting ends guest access; members keep reading the record', async () => {
    const server = await start();
    const { meeting, members } = await meetingWithMembers(server.url, ['observer']);
    const guest = await acceptInvite(server, members.chair!.api, meeting.id);
    const socket = await RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${guest.token}`);
    expect((await finaliseWaivingBlockers(members.chair!.api, meeting.id)).status).toBe(200);
    expect((await socket.waitClosed(2_000)).code).toBe(CloseCode.Unauthorized);
    expect((await guest.api.get(`/api/meetings/${meeting.id}`)).status).toBe(401);
    expect((await members.observer!.api.get(`/api/meetings/${meeting.id}`)).status).toBe(200);
  });

  it('expires after GUEST_MAX_AGE_DAYS whatever happens, and says so on its token and cookie', async () => {
    const server = await start({ GUEST_MAX_AGE_DAYS: '2' });
    const { meeting, members } = await meetingWithMembers(server.url, []);
    const invite = (await members.chair!.api.post(`/api/meetings/${meeting.id}/invites`, { role: 'observer' })).body;
    const before = Date.now();
    const accepted = await new ApiClient(server.url).post(`/api/invites/${invite.code}/accept`, { name: 'Guest' });
    expect(accepted.headers.get('set-cookie')).toContain(`Max-Age=${2 * 24 * 3600}`);
    const tokens = (await new ApiClient(server.url, accepted.body.token).get('/api/tokens')).body.tokens;
    expect(tokens[0].expiresAt).toBeGreaterThanOrEqual(before + 2 * 24 * 3600 * 1000);
    expect(tokens[0].expiresAt).toBeLessThanOrEqual(Date.now() + 2 * 24 * 3600 * 1000);
    // Three days later (the account's age, moved back), neither the token nor the session works.
    await server.server.sql.db.updateTable('users').set({ created_at: Date.now() - 3 * 24 * 3600 * 1000 }).where('id', '=', accepted.body.user.id).execute();
    expect((await meAs(server, accepted.body.token)).status).toBe(401);
    const cookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
    expect((await new ApiClient(server.url).request('GET', '/api/me', undefined, { cookie })).status).toBe(401);
  });
});
