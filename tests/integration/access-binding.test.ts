import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { ApiClient, meetingWithMembers } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { awarenessMessage, RawSocket } from '../helpers/rawSocket.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const ADMIN = 'admin-token-for-tests-0123456789';
let server: TestServer;
let setup: Awaited<ReturnType<typeof meetingWithMembers>>;
let other: { id: string; docName: string; reviewDocName: string };

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN, LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  setup = await meetingWithMembers(server.url, ['delegate', 'observer']);
  other = (await new ApiClient(server.url, ADMIN).post('/api/meetings', { title: { en: 'Meeting B' } })).body;
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

const upgradeStatus = (path: string, headers: Record<string, string> = {}) =>
  RawSocket.open(`${server.wsUrl}/${path}`, headers).then(
    (socket) => {
      socket.close();
      return 101;
    },
    (error: { status?: number }) => error.status ?? 0,
  );

describe('every socket is bound to one document and one access mode (peer-failures B)', () => {
  it('a credential for meeting A never opens meeting B', async () => {
    const { members, meeting } = setup;
    expect(await upgradeStatus(`${meeting.docName}?token=${members.delegate!.token}`)).toBe(101);
    expect(await upgradeStatus(`${other.docName}?token=${members.delegate!.token}`)).toBe(403);
    expect(await upgradeStatus(`${other.reviewDocName}?token=${members.delegate!.token}`)).toBe(403);
    expect(await upgradeStatus(`${other.docName}`, { cookie: members.delegate!.api.cookie! })).toBe(403);
  });

  it('refuses missing, malformed, revoked and expired tokens, and unknown meetings', async () => {
    const { meeting, members } = setup;
    expect(await upgradeStatus(meeting.docName)).toBe(401);
    for (const bad of ['nope', 'qrm_forged', `${members.delegate!.token}x`, '', 'undefined']) {
      expect(await upgradeStatus(`${meeting.docName}?token=${encodeURIComponent(bad)}`)).toBe(401);
    }
    const created = await members.delegate!.api.post('/api/tokens', { name: 'short', expiresInDays: 1 });
    expect(await upgradeStatus(`${meeting.docName}?token=${created.body.token}`)).toBe(101);
    await server.server.sql.db.updateTable('api_tokens').set({ expires_at: Date.now() - 1 }).where('id', '=', created.body.id).execute();
    expect(await upgradeStatus(`${meeting.docName}?token=${created.body.token}`)).toBe(401);
    const revoked = await members.delegate!.api.post('/api/tokens', { name: 'revoked' });
    await members.delegate!.api.delete(`/api/tokens/${revoked.body.id}`);
    expect(await upgradeStatus(`${meeting.docName}?token=${revoked.body.token}`)).toBe(401);
    expect(await upgradeStatus(`meeting.doesnotexist?token=${ADMIN}`)).toBe(404);
  });

  it('refuses cross-site upgrades that carry the session cookie', async () => {
    const { meeting, members } = setup;
    const cookie = members.delegate!.api.cookie!;
    const host = new URL(server.url).host;
    expect(await upgradeStatus(meeting.docName, { cookie, origin: `http://${host}` })).toBe(101);
    expect(await upgradeStatus(meeting.docName, { cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(meeting.docName, { cookie, 'sec-fetch-site': 'cross-site' })).toBe(403);
  });

  it('refuses every non-canonical document name before the upgrade, and creates nothing', async () => {
    const { meeting } = setup;
    const id = meeting.id;
    // Stored document names, not row counts: the maintenance thread may fold earlier tests' updates
    // into snapshots at any moment, which changes the rows but never the set of documents.
    const storedNames = async () => {
      const rows = await server.server.sql.db
        .selectFrom('doc_updates')
        .select('doc_name')
        .union(server.server.sql.db.selectFrom('doc_snapshots').select('doc_name'))
        .execute();
      return rows.map((row) => row.doc_name).sort();
    };
    const before = await storedNames();
    const names = [
      `meeting.${id.toUpperCase()}`,
      `Meeting.${id}`,
      `meeting.${id}/../x`,
      `meeting.%2e%2e`,
      `meeting.${id}%2ereview`,
      `meeting.${id}\\x`,
      `meeting.${id}:x`,
      `meeting.${id}.review.x`,
      `meeting.${id}.REVIEW`,
      'meeting.e\u0301',
      'meeting.\u00e9',
      `meeting.${'a'.repeat(300)}`,
      'meeting.',
      '..',
      `meeting.${id}*`,
    ];
    // `..` is resolved away by the URL parser before routing (404); every other name reaches the
    // document-name check and is refused as such (400). None is ever opened.
    for (const name of names) expect(await upgradeStatus(`${encodeURI(name)}?token=${ADMIN}`), name).toBe(name === '..' ? 404 : 400);
    expect(await storedNames()).toEqual(before);
  });

  it('refuses awareness that claims another user, and awareness for another socket’s client id', async () => {
    const { meeting, members } = setup;
    const raw = await RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${members.delegate!.token}`);
    raw.send(awarenessMessage(1234, 1, { user: { id: members.chair!.userId, name: 'Chair' } }));
    expect((await raw.waitClosed()).code).toBe(CloseCode.PolicyViolation);

    const honest = connectClient(server.wsUrl, meeting.docName, { params: { token: members.observer!.token } });
    await waitSynced(honest);
    honest.provider.awareness.setLocalStateField('user', { id: members.observer!.userId, name: 'Observer' });
    await eventually(() => expect(server.server.rooms.get(meeting.docName)?.hasAwarenessOwner(honest.doc.clientID)).toBe(true));
    const thief = await RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${members.delegate!.token}`);
    thief.send(awarenessMessage(honest.doc.clientID, 999, { user: { id: members.delegate!.userId, name: 'Delegate' } }));
    expect((await thief.waitClosed()).code).toBe(CloseCode.PolicyViolation);
    honest.destroy();
  });

  it('relays a hostile-looking name as a plain string', async () => {
    const { meeting, members } = setup;
    const guestInvite = await members.chair!.api.post(`/api/meetings/${meeting.id}/invites`, { role: 'observer' });
    const guest = await new ApiClient(server.url).post(`/api/invites/${guestInvite.body.code}/accept`, { name: '<img src=x onerror=alert(1)>' });
    const a = connectClient(server.wsUrl, meeting.docName, { params: { token: guest.body.token } });
    const b = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(a, b);
    a.provider.awareness.setLocalStateField('user', { id: guest.body.user.id, name: '<img src=x onerror=alert(1)>' });
    await eventually(() => expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe('<img src=x onerror=alert(1)>'));
  });
});
