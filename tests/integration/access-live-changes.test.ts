import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfirmations, setConfirmation } from '../../shared/src/model/confirmations.ts';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { finaliseWaivingBlockers, meetingWithMembers } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { linkDelegation } from '../helpers/delegations.ts';
import { eventually } from '../helpers/eventually.ts';
import { RawSocket } from '../helpers/rawSocket.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

const FIELD = minutesField('general', 'en');
afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

async function setup() {
  const server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  const s = await meetingWithMembers(server.url, ['delegate', 'observer']);
  return { server, ...s };
}

/** Close codes a provider receives, and permission denials. */
function watch(client: ProviderClient) {
  const codes: number[] = [];
  const denials: string[] = [];
  client.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code));
  client.provider.messageHandlers[MessageType.Auth] = (_e: unknown, d: decoding.Decoder) => {
    if (decoding.readVarUint(d) === 0) denials.push(decoding.readVarString(d));
  };
  return { codes, denials };
}

describe('permission changes reach open sockets within a second (peer-failures B)', () => {
  it('demoting a delegate closes its socket (4100); it reconnects read-only', async () => {
    const { server, meeting, members } = await setup();
    const delegate = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    const seen = watch(delegate);
    await waitSynced(delegate);
    await members.chair!.api.patch(`/api/meetings/${meeting.id}/members/${members.delegate!.userId}`, { role: 'observer' });
    await eventually(() => expect(seen.codes).toContain(CloseCode.AccessChanged), 1_000);
    await waitSynced(delegate);
    appendParagraph(delegate.doc, FIELD, 'after demotion');
    await eventually(() => expect(seen.denials[0]).toMatch(/role-observer/));
  });

  it('removing a member closes its socket with 4403, and it cannot come back', async () => {
    const { server, meeting, members } = await setup();
    const raw = await RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${members.delegate!.token}`);
    await members.chair!.api.delete(`/api/meetings/${meeting.id}/members/${members.delegate!.userId}`);
    expect((await raw.waitClosed(1_000)).code).toBe(CloseCode.Forbidden);
    await expect(RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${members.delegate!.token}`)).rejects.toMatchObject({ status: 403 });
  });

  it('revoking a token closes sockets opened with it (4401); logging out closes sockets of that session', async () => {
    const { server, meeting, members } = await setup();
    const extra = await members.delegate!.api.post('/api/tokens', { name: 'laptop' });
    const byToken = await RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${extra.body.token}`);
    const bySession = await RawSocket.open(`${server.wsUrl}/${meeting.docName}`, { cookie: members.observer!.api.cookie! });
    await members.delegate!.api.delete(`/api/tokens/${extra.body.id}`);
    expect((await byToken.waitClosed(1_000)).code).toBe(CloseCode.Unauthorized);
    await members.observer!.api.post('/api/auth/logout');
    expect((await bySession.waitClosed(1_000)).code).toBe(CloseCode.Unauthorized);
  });

  it('finalising makes every role read-only at once, chair included; reopening restores the right writers', async () => {
    const { server, meeting, members } = await setup();
    const chair = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    const delegate = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    const chairSeen = watch(chair);
    const delegateSeen = watch(delegate);
    await waitSynced(chair, delegate);
    expect((await finaliseWaivingBlockers(members.chair!.api, meeting.id)).status).toBe(200);
    await eventually(() => {
      expect(chairSeen.codes).toContain(CloseCode.AccessChanged);
      expect(delegateSeen.codes).toContain(CloseCode.AccessChanged);
    }, 1_000);
    await waitSynced(chair, delegate);
    appendParagraph(chair.doc, FIELD, 'chair after finalise');
    appendParagraph(delegate.doc, FIELD, 'delegate after finalise');
    await eventually(() => {
      expect(chairSeen.denials.some((d) => d.includes('meeting-finalised'))).toBe(true);
      expect(delegateSeen.denials.some((d) => d.includes('meeting-finalised'))).toBe(true);
    });
    // HTTP writes are refused too.
    const importRes = await fetch(`${server.url}/api/meetings/${meeting.id}/minutes/general/en/import`, { method: 'POST', headers: { authorization: `Bearer ${members.chair!.token}`, 'content-type': 'text/markdown' }, body: 'x' });
    expect(importRes.status).toBe(403);

    expect((await members.chair!.api.post(`/api/meetings/${meeting.id}/reopen`, { reason: 'correct a typo in item 2' })).status).toBe(200);
    const fresh = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    const observer = connectClient(server.wsUrl, meeting.docName, { params: { token: members.observer!.token } });
    const observerSeen = watch(observer);
    await waitSynced(fresh, observer);
    appendParagraph(fresh.doc, FIELD, 'delegate after reopen');
    await eventually(() => expect(server.server.rooms.get(meeting.docName)?.doc.getXmlFragment(FIELD).toString()).toContain('delegate after reopen'));
    appendParagraph(observer.doc, FIELD, 'observer after reopen');
    await eventually(() => expect(observerSeen.denials.length).toBeGreaterThan(0));
    const audit = await members.chair!.api.get(`/api/meetings/${meeting.id}/audit`);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['meeting.finalise', 'meeting.reopen']));
  });
});

describe('review window (final draft)', () => {
  it('closes the minutes to delegates at once, keeps the chair writing and comments open', async () => {
    const { server, meeting, members } = await setup();
    const delegate = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    const seen = watch(delegate);
    await waitSynced(delegate);
    expect((await members.delegate!.api.post(`/api/meetings/${meeting.id}/review-window`, { open: true })).status).toBe(403);
    expect((await members.chair!.api.post(`/api/meetings/${meeting.id}/review-window`, { open: true })).status).toBe(200);
    await eventually(() => expect(seen.codes).toContain(CloseCode.AccessChanged), 1_000);
    await waitSynced(delegate);
    appendParagraph(delegate.doc, FIELD, 'delegate during final draft');
    await eventually(() => expect(seen.denials.some((d) => d.includes('final-draft'))).toBe(true));
    const chair = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(chair);
    appendParagraph(chair.doc, FIELD, 'chair during final draft');
    await eventually(() => expect(server.server.rooms.get(meeting.docName)?.doc.getXmlFragment(FIELD).toString()).toContain('chair during final draft'));
    const review = connectClient(server.wsUrl, meeting.reviewDocName, { params: { token: members.delegate!.token } });
    await waitSynced(review);
    await linkDelegation(server, meeting.docName, 'r-final', [members.delegate!.userId]);
    setConfirmation(review.doc, 'r-final', 'amendments', 'still commenting', { id: members.delegate!.userId, name: 'Delegate' });
    await eventually(() => expect(readConfirmations(server.server.rooms.get(meeting.reviewDocName)!.doc).get('r-final')?.note).toBe('still commenting'));
    expect((await members.chair!.api.post(`/api/meetings/${meeting.id}/review-window`, { open: false })).status).toBe(200);
  });
});
