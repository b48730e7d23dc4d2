import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setConfirmation } from '../../shared/src/model/confirmations.ts';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient, meetingWithMembers, signup, waiveAllBlockers } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients } from '../helpers/clients.ts';
import { linkDelegation } from '../helpers/delegations.ts';
import { eventually } from '../helpers/eventually.ts';
import { RawSocket } from '../helpers/rawSocket.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const ADMIN = 'admin-token-for-tests-0123456789';
type Who = 'chair' | 'delegate' | 'reviewer' | 'observer' | 'non-member' | 'admin';
type Action = 'read minutes' | 'edit minutes' | 'write review doc' | 'manage members' | 'finalise';

const EXPECTED: Record<Who, Record<Action, boolean>> = {
  chair: { 'read minutes': true, 'edit minutes': true, 'write review doc': true, 'manage members': true, finalise: true },
  delegate: { 'read minutes': true, 'edit minutes': true, 'write review doc': true, 'manage members': false, finalise: false },
  reviewer: { 'read minutes': true, 'edit minutes': false, 'write review doc': true, 'manage members': false, finalise: false },
  observer: { 'read minutes': true, 'edit minutes': false, 'write review doc': false, 'manage members': false, finalise: false },
  'non-member': { 'read minutes': false, 'edit minutes': false, 'write review doc': false, 'manage members': false, finalise: false },
  admin: { 'read minutes': true, 'edit minutes': true, 'write review doc': true, 'manage members': true, finalise: true },
};

let server: TestServer;
let setup: Awaited<ReturnType<typeof meetingWithMembers>>;
const tokens: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN, LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  setup = await meetingWithMembers(server.url, ['delegate', 'reviewer', 'observer']);
  for (const who of ['chair', 'delegate', 'reviewer', 'observer'] as const) tokens[who] = setup.members[who]!.token;
  await setup.members.chair!.api.post(`/api/meetings/${setup.meeting.id}/members`, { email: 'stranger@example.org', role: 'observer' });
  const stranger = await signup(server.url, 'stranger@example.org', 'Stranger');
  await setup.members.chair!.api.delete(`/api/meetings/${setup.meeting.id}/members/${(await stranger.get('/api/me')).body.user.id}`);
  tokens['non-member'] = (await stranger.post('/api/tokens', { name: 'ws' })).body.token;
  tokens.admin = ADMIN;
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** Whether an update over the WebSocket reaches the room (true), or is refused/denied (false). */
async function wsWrite(docName: string, token: string, write: (doc: Y.Doc) => void, landed: (doc: Y.Doc) => boolean): Promise<boolean> {
  const open = await RawSocket.open(`${server.wsUrl}/${docName}?token=${token}`).then((s) => (s.close(), true), () => false);
  if (!open) return false;
  const client = connectClient(server.wsUrl, docName, { params: { token } });
  let denied = false;
  client.provider.messageHandlers[MessageType.Auth] = (_e: unknown, d: decoding.Decoder) => (denied = decoding.readVarUint(d) === 0 || denied);
  await eventually(() => expect(client.provider.synced).toBe(true));
  write(client.doc);
  const outcome = await eventually(() => {
    const room = server.server.rooms.get(docName);
    if (room && landed(room.doc)) return true;
    if (denied) return false;
    throw new Error('undecided');
  }, 3_000);
  client.destroy();
  return outcome;
}

async function attempt(who: Who, action: Action): Promise<{ http: boolean; ws?: boolean }> {
  const token = tokens[who]!;
  const api = new ApiClient(server.url, token);
  const { meeting } = setup;
  const marker = `${who}-${action}-${Math.random().toString(36).slice(2)}`;
  switch (action) {
    case 'read minutes': {
      const http = (await api.get(`/api/meetings/${meeting.id}`)).status === 200;
      const ws = await RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${token}`).then(async (s) => {
        await s.waitFor(MessageType.Sync);
        s.close();
        return true;
      }, () => false);
      return { http, ws };
    }
    case 'edit minutes':
      return {
        http: (await fetch(`${server.url}/api/meetings/${meeting.id}/minutes/general/en/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/markdown' }, body: marker })).status === 201,
        ws: await wsWrite(meeting.docName, token, (d) => appendParagraph(d, minutesField('general', 'en'), marker), (d) => d.getXmlFragment(minutesField('general', 'en')).toString().includes(marker)),
      };
    case 'write review doc': {
      // A confirmation signed with the socket's own user (the server refuses any other signer).
      const me = (await api.get('/api/me')).body?.user as { id: string; name: string } | undefined;
      const key = marker.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
      const signer = me ?? { id: 'nobody', name: 'nobody' };
      // Confirming for a delegation takes an account linked to it (issue 14): link this one first.
      await linkDelegation(server, meeting.docName, key, [signer.id]);
      return { http: true, ws: await wsWrite(meeting.reviewDocName, token, (d) => setConfirmation(d, key, 'confirmed', '', signer), (d) => d.getMap('confirmations').has(key)) };
    }
    case 'manage members':
      return { http: (await api.post(`/api/meetings/${meeting.id}/members`, { email: `${marker.replace(/[^a-z0-9]/g, "")}@example.org`, role: 'observer' })).status === 202 };
    case 'finalise': {
      // Blockers (unapproved minutes from the other rows) are waived by the admin first, so the
      // answer says whether this role may finalise, not whether the minutes are ready.
      await waiveAllBlockers(new ApiClient(server.url, ADMIN), meeting.id);
      const ok = (await api.post(`/api/meetings/${meeting.id}/finalise`)).status === 200;
      if (ok) await new ApiClient(server.url, ADMIN).post(`/api/meetings/${meeting.id}/reopen`, { reason: 'matrix test' });
      return { http: ok };
    }
  }
}

const rows = (Object.keys(EXPECTED) as Who[]).flatMap((who) => (Object.keys(EXPECTED[who]) as Action[]).map((action) => [who, action, EXPECTED[who][action]] as const));

describe('role matrix over HTTP and WebSocket, against the real server', () => {
  it.each(rows)('%s / %s -> %s', async (who, action, allowed) => {
    const result = await attempt(who, action);
    if (action !== 'write review doc') expect(result.http, 'HTTP').toBe(allowed);
    if (result.ws !== undefined) expect(result.ws, 'WebSocket').toBe(allowed);
  });
});
