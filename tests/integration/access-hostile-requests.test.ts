import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, meetingWithMembers, PASSWORD } from '../helpers/api.ts';
import { rawUpgradeStatus } from '../helpers/rawSocket.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/** Issue 13 findings 17, 19 and the stale-cookie part of 20: requests shaped to confuse the credential and path parsing. */
let server: TestServer;
let setup: Awaited<ReturnType<typeof meetingWithMembers>>;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  setup = await meetingWithMembers(server.url, ['delegate']);
});
afterAll(stopAllTestServers);

const MALFORMED_COOKIES = ['quorum_session=%', 'quorum_session=%E0%A4%A', 'quorum_session="%zz"', 'quorum_session=a; quorum_session=%', `quorum_session=${'%'.repeat(3000)}`];

describe('a malformed session cookie (finding 17)', () => {
  it('counts as no cookie on every API call: 401 where a session is needed, and never a 500', async () => {
    for (const cookie of MALFORMED_COOKIES) {
      const anonymous = new ApiClient(server.url);
      expect((await anonymous.request('GET', '/api/me', undefined, { cookie })).status, cookie).toBe(401);
      // A bearer credential next to it still works.
      const bearer = new ApiClient(server.url, setup.members.delegate!.token);
      expect((await bearer.request('GET', '/api/me', undefined, { cookie })).status, cookie).toBe(200);
      // Logging in from a browser holding the garbage cookie works and replaces it.
      const login = await anonymous.request('POST', '/api/auth/login', { email: 'delegate@example.org', password: PASSWORD }, { cookie });
      expect(login.status, cookie).toBe(200);
    }
  });

  it('counts as no cookie at the WebSocket upgrade: 401 alone, accepted with a valid ?token=', async () => {
    const { meeting, members } = setup;
    for (const cookie of MALFORMED_COOKIES) {
      expect(await rawUpgradeStatus(server.url, `/collab/${meeting.docName}`, { cookie }), cookie).toBe(401);
      expect(await rawUpgradeStatus(server.url, `/collab/${meeting.docName}?token=${members.delegate!.token}`, { cookie }), cookie).toBe(101);
    }
  });
});

describe('dot segments in the WebSocket path (finding 19)', () => {
  it('are refused with 400 before any normalisation, spelled plainly or percent-encoded', async () => {
    const { meeting, members } = setup;
    const token = `?token=${members.chair!.token}`;
    // The control: the canonical path opens.
    expect(await rawUpgradeStatus(server.url, `/collab/${meeting.docName}${token}`)).toBe(101);
    const targets = [
      `/collab/x/../${meeting.docName}`,
      `/collab/x/%2e%2e/${meeting.docName}`,
      `/collab/x/%2E%2e/${meeting.docName}`,
      `/collab/x/.%2e/${meeting.docName}`,
      `/collab/./${meeting.docName}`,
      `/collab/x%2f..%2f${meeting.docName}`,
      `/x/../collab/${meeting.docName}`,
      `/collab/..`,
    ];
    for (const target of targets) expect(await rawUpgradeStatus(server.url, target + token), target).toBe(400);
  });
});

describe('an explicit token and a stale cookie (finding 20)', () => {
  it('the ?token= wins: a cookie left from an ended session does not make a valid token fail', async () => {
    const { meeting } = setup;
    const browser = new ApiClient(server.url);
    expect((await browser.post('/api/auth/login', { email: 'delegate@example.org', password: PASSWORD })).status).toBe(200);
    const staleCookie = browser.cookie!;
    const token = (await browser.post('/api/tokens', { name: 'ws' })).body.token as string;
    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    // The cookie alone is dead...
    expect(await rawUpgradeStatus(server.url, `/collab/${meeting.docName}`, { cookie: staleCookie })).toBe(401);
    // ...and does not spoil the explicit token sent with it.
    expect(await rawUpgradeStatus(server.url, `/collab/${meeting.docName}?token=${token}`, { cookie: staleCookie })).toBe(101);
    // A bad explicit token is not rescued by a good cookie either: the caller chose the token.
    const live = new ApiClient(server.url);
    await live.post('/api/auth/login', { email: 'delegate@example.org', password: PASSWORD });
    expect(await rawUpgradeStatus(server.url, `/collab/${meeting.docName}?token=qrm_nonsense`, { cookie: live.cookie! })).toBe(401);
    expect(await rawUpgradeStatus(server.url, `/collab/${meeting.docName}`, { cookie: live.cookie! })).toBe(101);
  });
});
