import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { approvalsMap, readApproval, setApproval } from '../../shared/src/model/approvals.ts';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers, waiveAllBlockers } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

/**
 * Approval per slot and language through the real server: raw y-websocket clients with each
 * role's token write the `approvals` field; the room (and so the store) keeps only what the role
 * may write. Then the finalise gate: blocked, approvals and a waiver, allowed, audited.
 */
afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

const EN = minutesField('general', 'en');
const ZH = minutesField('general', 'zh-Hant');

async function setup() {
  const server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  const s = await meetingWithMembers(server.url, ['delegate', 'reviewer', 'observer']);
  const open = (role: string) => connectClient(server.wsUrl, s.meeting.docName, { params: { token: s.members[role]!.token } });
  return { server, ...s, open };
}

function watch(client: ProviderClient) {
  const codes: number[] = [];
  const reasons: string[] = [];
  const denials: string[] = [];
  client.provider.on('connection-close', (e: CloseEvent | null) => e && (codes.push(e.code), reasons.push(e.reason)));
  client.provider.messageHandlers[MessageType.Auth] = (_e: unknown, d: decoding.Decoder) => {
    if (decoding.readVarUint(d) === 0) denials.push(decoding.readVarString(d));
  };
  return { codes, reasons, denials };
}

/** The doc as the store has it (what a restart would load). */
async function storedDoc(server: TestServer, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of storedUpdates(await server.server.store.load(docName))) Y.applyUpdate(doc, update);
  return doc;
}

const roomDoc = (server: TestServer, docName: string): Y.Doc => server.server.rooms.get(docName)!.doc;

describe('approval states through the real server', () => {
  it('a delegate marks ready; a forged approval is refused and never stored; only the chair approves', async () => {
    const { server, meeting, members, open } = await setup();
    const chair = open('chair');
    const delegate = open('delegate');
    await waitSynced(chair, delegate);
    appendParagraph(delegate.doc, EN, 'The chair opened the meeting.');
    setApproval(delegate.doc, 'general', 'en', 'ready', { id: members.delegate!.userId, name: 'Delegate' });
    await eventually(() => expect(readApproval(roomDoc(server, meeting.docName), 'general', 'en')?.state).toBe('ready'));
    // The chair sees it live.
    await eventually(() => expect(readApproval(chair.doc, 'general', 'en')).toMatchObject({ state: 'ready', by: members.delegate!.userId }));

    // A delegate's client forging "approved" is refused (1008) and the room keeps "ready".
    const forger = open('delegate');
    const seen = watch(forger);
    await waitSynced(forger);
    setApproval(forger.doc, 'general', 'en', 'approved', { id: members.delegate!.userId, name: 'Delegate' });
    await eventually(() => expect(seen.codes).toContain(CloseCode.PolicyViolation));
    expect(seen.reasons.join(' ')).toMatch(/only the chair approves/);
    forger.destroy();
    expect(readApproval(roomDoc(server, meeting.docName), 'general', 'en')?.state).toBe('ready');
    expect(readApproval(await storedDoc(server, meeting.docName), 'general', 'en')?.state).toBe('ready');

    // Signing as the chair does not help either.
    const impostor = open('delegate');
    const seenImpostor = watch(impostor);
    await waitSynced(impostor);
    setApproval(impostor.doc, 'general', 'en', 'ready', { id: members.chair!.userId, name: 'Chair' });
    await eventually(() => expect(seenImpostor.codes).toContain(CloseCode.PolicyViolation));
    impostor.destroy();
    expect(readApproval(roomDoc(server, meeting.docName), 'general', 'en')?.by).toBe(members.delegate!.userId);

    // The chair approves; the delegate can no longer take it back.
    setApproval(chair.doc, 'general', 'en', 'approved', { id: members.chair!.userId, name: 'Chair' });
    await eventually(() => expect(readApproval(roomDoc(server, meeting.docName), 'general', 'en')?.state).toBe('approved'));
    await eventually(() => expect(readApproval(delegate.doc, 'general', 'en')?.state).toBe('approved'));
    const undo = watch(delegate);
    approvalsMap(delegate.doc).delete('general/en');
    await eventually(() => expect(undo.codes).toContain(CloseCode.PolicyViolation));
    expect(readApproval(roomDoc(server, meeting.docName), 'general', 'en')?.state).toBe('approved');
  });

  it('reviewers and observers write no approval at all', async () => {
    const { server, meeting, members, open } = await setup();
    const chair = open('chair'); // keeps the room open for the check below
    await waitSynced(chair);
    for (const role of ['reviewer', 'observer'] as const) {
      const client = open(role);
      const seen = watch(client);
      await waitSynced(client);
      setApproval(client.doc, 'general', 'en', 'ready', { id: members[role]!.userId, name: role });
      await eventually(() => expect(seen.denials.join(' ')).toMatch(new RegExp(`role-${role}`)));
      client.destroy();
    }
    // Barriers: each refusal came back (above); the room has nothing left in its pipeline; and the
    // chair's socket got an awareness change relayed after the refusals, so a broadcast of a
    // refused approval would have reached it first.
    await server.server.rooms.get(meeting.docName)?.idle();
    const witness = open('chair');
    await waitSynced(witness);
    witness.provider.awareness.setLocalStateField('barrier', 1);
    await eventually(() => expect(chair.provider.awareness.getStates().get(witness.doc.clientID)?.barrier).toBe(1));
    expect([...approvalsMap(roomDoc(server, meeting.docName)).keys()]).toEqual([]);
    expect([...approvalsMap(chair.doc).keys()]).toEqual([]);
  });
});

describe('finalising needs approvals or waivers', () => {
  it('is refused with the blockers, allowed once everything is approved or waived, and the waiver is audited', async () => {
    const { server, meeting, members, open } = await setup();
    const chair = members.chair!.api;
    const writer = open('chair');
    await waitSynced(writer);
    appendParagraph(writer.doc, EN, 'The chair opened the meeting.');
    appendParagraph(writer.doc, ZH, '主席宣布開會。');
    await eventually(() => expect(roomDoc(server, meeting.docName).getXmlFragment(ZH).length).toBe(1));

    const blocked = await chair.post(`/api/meetings/${meeting.id}/finalise`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toBe('blocked');
    expect(blocked.body.blockers.map((b: { id: string }) => b.id).sort()).toEqual(['unapproved:general/en', 'unapproved:general/zh-Hant']);
    expect(blocked.body.blockers[0].description.en).toMatch(/not approved/);
    expect(blocked.body.blockers[0].description['zh-Hant']).toMatch(/尚未核定/);
    expect((await chair.get(`/api/meetings/${meeting.id}`)).body.status).toBe('draft');

    // Approve English; waive Chinese. A delegate may not waive; a reason is required.
    setApproval(writer.doc, 'general', 'en', 'approved', { id: members.chair!.userId, name: 'Chair' });
    await eventually(() => expect(readApproval(roomDoc(server, meeting.docName), 'general', 'en')?.state).toBe('approved'));
    const listed = await members.delegate!.api.get(`/api/meetings/${meeting.id}/blockers`);
    expect(listed.status).toBe(200);
    expect(listed.body.blockers.map((b: { id: string }) => b.id)).toEqual(['unapproved:general/zh-Hant']);
    expect(listed.body.canFinalise).toBe(false);
    expect((await members.delegate!.api.post(`/api/meetings/${meeting.id}/waivers`, { blockerId: 'unapproved:general/zh-Hant', reason: 'translation follows' })).status).toBe(403);
    expect((await chair.post(`/api/meetings/${meeting.id}/waivers`, { blockerId: 'unapproved:general/zh-Hant', reason: ' ' })).status).toBe(400);
    expect((await chair.post(`/api/meetings/${meeting.id}/waivers`, { blockerId: 'unapproved:general/en', reason: 'already approved' })).status).toBe(400);
    const waived = await chair.post(`/api/meetings/${meeting.id}/waivers`, { blockerId: 'unapproved:general/zh-Hant', reason: 'the secretariat approves the Chinese text by e-mail' });
    expect(waived.status).toBe(201);
    expect(waived.body).toMatchObject({ blockerId: 'unapproved:general/zh-Hant', byName: 'Chair' });
    expect((await chair.post(`/api/meetings/${meeting.id}/waivers`, { blockerId: 'unapproved:general/zh-Hant', reason: 'again' })).status).toBe(409);
    const after = await chair.get(`/api/meetings/${meeting.id}/blockers`);
    expect(after.body.blockers[0].waiver.reason).toBe('the secretariat approves the Chinese text by e-mail');
    expect(after.body.canFinalise).toBe(true);

    // Text changed after approval: blocked again, now as "changed since approval".
    appendParagraph(writer.doc, EN, 'A late addition.');
    await eventually(() => expect(roomDoc(server, meeting.docName).getXmlFragment(EN).length).toBe(2));
    const again = await chair.post(`/api/meetings/${meeting.id}/finalise`);
    expect(again.status).toBe(409);
    expect(again.body.blockers).toEqual([expect.objectContaining({ id: 'unapproved:general/en', state: 'changed' })]);
    setApproval(writer.doc, 'general', 'en', 'approved', { id: members.chair!.userId, name: 'Chair' });
    await eventually(async () => expect((await chair.get(`/api/meetings/${meeting.id}/blockers`)).body.canFinalise).toBe(true));

    const finalised = await chair.post(`/api/meetings/${meeting.id}/finalise`);
    expect(finalised.status).toBe(200);
    const audit = (await chair.get(`/api/meetings/${meeting.id}/audit`)).body.entries as Array<{ action: string; details: Record<string, unknown> }>;
    expect(audit.find((e) => e.action === 'meeting.waive')?.details).toMatchObject({ blockerId: 'unapproved:general/zh-Hant', reason: 'the secretariat approves the Chinese text by e-mail' });
    expect(audit.find((e) => e.action === 'meeting.finalise')?.details.waived).toEqual(['unapproved:general/zh-Hant']);
    // Finalised: nobody changes approvals, the chair included; waivers are closed too.
    expect((await chair.post(`/api/meetings/${meeting.id}/waivers`, { blockerId: 'x', reason: 'too late' })).status).toBe(409);

    // Reopen: approvals stay; blockers are computed again on the next finalise.
    expect((await chair.post(`/api/meetings/${meeting.id}/reopen`, { reason: 'fix a name' })).status).toBe(200);
    const reopened = open('chair');
    await waitSynced(reopened);
    expect(readApproval(reopened.doc, 'general', 'en')?.state).toBe('approved');
    appendParagraph(reopened.doc, ZH, '補充一句。');
    await eventually(() => expect(roomDoc(server, meeting.docName).getXmlFragment(ZH).length).toBe(2));
    // The Chinese waiver still stands (same blocker); English is untouched and still approved.
    expect((await chair.post(`/api/meetings/${meeting.id}/finalise`)).status).toBe(200);
  });

  it('a finalised meeting refuses an approval from the chair’s socket', async () => {
    const { server, meeting, members, open } = await setup();
    const chair = open('chair');
    const seen = watch(chair);
    await waitSynced(chair);
    // An empty meeting without agenda: its languages are missing; the chair waives that.
    expect(await waiveAllBlockers(members.chair!.api, meeting.id)).toEqual(['missing:general/zh-Hant', 'missing:general/en']);
    expect((await members.chair!.api.post(`/api/meetings/${meeting.id}/finalise`)).status).toBe(200);
    await eventually(() => expect(seen.codes).toContain(CloseCode.AccessChanged));
    await waitSynced(chair);
    setApproval(chair.doc, 'general', 'en', 'approved', { id: members.chair!.userId, name: 'Chair' });
    await eventually(() => expect(seen.denials.join(' ')).toMatch(/meeting-finalised/));
    expect([...approvalsMap(roomDoc(server, meeting.docName)).keys()]).toEqual([]);
  });
});
