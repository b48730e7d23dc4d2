import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { approvalsMap, readApproval, setApproval } from '../../shared/src/model/approvals.ts';
import { writeProgress } from '../../shared/src/model/meetingDoc.ts';
import { createThread, readThreads, reply, setResolved, threadsMap } from '../../shared/src/model/reviewDoc.ts';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { GENERAL_SLOT_ID, minutesField } from '../../shared/src/schema/fields.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';
import { RawClient, storedState, syncMessage, updateOnTop, type CloseInfo } from '../helpers/rawClient.ts';
import { withoutDeleteSet } from '../helpers/yjsUpdates.ts';

/**
 * Issue 13, findings 3 and 4, through the real server: a participant's socket sends an update
 * that replaces what another user wrote by writing its map key again (no delete set), signs as
 * someone else, or writes a value of the wrong type or range. Each is refused with a close reason,
 * nothing is stored or forwarded, and the meeting keeps working.
 */
const ctx = useMeetingServer(['delegate', 'reviewer']);
const FIELD = minutesField(GENERAL_SLOT_ID, 'en');
let threadId = '';

beforeAll(async () => {
  const { server, meeting, members } = ctx;
  const chair = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
  const chairReview = connectClient(server.wsUrl, meeting.reviewDocName, { params: { token: members.chair!.token } });
  await waitSynced(chair, chairReview);
  appendParagraph(chair.doc, FIELD, 'The agenda was adopted.');
  const text = (chair.doc.getXmlFragment(FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const anchor = { start: Y.createRelativePositionFromTypeIndex(text, 4), end: Y.createRelativePositionFromTypeIndex(text, 10) };
  const chairUser = { id: members.chair!.userId, name: 'Chair' };
  threadId = createThread(chairReview.doc, { slotId: GENERAL_SLOT_ID, lang: 'en', anchor, quote: 'agenda', author: chairUser, text: 'Is this the final agenda?', replacement: 'agenda as circulated' });
  setApproval(chair.doc, GENERAL_SLOT_ID, 'en', 'approved', chairUser);
  await eventually(() => {
    expect(readApproval(server.server.rooms.get(meeting.docName)!.doc, GENERAL_SLOT_ID, 'en')?.state).toBe('approved');
    expect(readThreads(server.server.rooms.get(meeting.reviewDocName)!.doc)).toHaveLength(1);
  });
  destroyAllClients();
});

/** The update `change` makes on top of the stored document, as a hostile client would send it. */
async function hostileUpdate(docName: string, change: (doc: Y.Doc) => void): Promise<Uint8Array> {
  return updateOnTop(storedUpdates(await ctx.server.server.store.load(docName)), change);
}

/**
 * Sends `update` from `role`'s socket and returns how the server closed it. The close is the
 * barrier: the server has judged the update. The store must then be exactly as before.
 */
async function attack(role: 'delegate' | 'reviewer', docName: string, update: Uint8Array): Promise<CloseInfo> {
  const before = await storedState(ctx.server, docName);
  const raw = await RawClient.connect(`${ctx.server.wsUrl}/${docName}?token=${ctx.members[role]!.token}`);
  await raw.waitReady();
  raw.sendBytes(syncMessage(SyncStep.Update, update));
  const closed = await raw.waitForClose();
  await ctx.server.server.rooms.get(docName)?.idle();
  expect(await storedState(ctx.server, docName), 'nothing stored').toBe(before);
  return closed;
}

const forgedThread = (doc: Y.Doc, chairId: string) => {
  const thread = new Y.Map<unknown>();
  threadsMap(doc).set(threadId, thread);
  const fields = { id: threadId, slotId: GENERAL_SLOT_ID, lang: 'en', anchor: { start: { tname: FIELD, assoc: 0 }, end: { tname: FIELD, assoc: 0 } }, quote: 'agenda', authorId: chairId, authorName: 'Chair: all fine', createdAt: Date.now(), resolved: true, resolvedBy: chairId, resolvedAt: Date.now() };
  for (const [key, value] of Object.entries(fields)) thread.set(key, value);
  thread.set('comments', new Y.Array());
};

describe('finding 3: overwriting a map key is a removal, and signers are the writer', () => {
  it('a reviewer replacing the chair’s open thread with a resolved one signed “Chair: all fine”: 1008', async () => {
    const { meeting, members } = ctx;
    const update = withoutDeleteSet(await hostileUpdate(meeting.reviewDocName, (doc) => forgedThread(doc, members.chair!.userId)));
    const closed = await attack('reviewer', meeting.reviewDocName, update);
    expect(closed).toMatchObject({ code: CloseCode.PolicyViolation, reason: expect.stringContaining('not-owner') });
    const blockers = await members.chair!.api.get(`/api/meetings/${meeting.id}/blockers`);
    expect(blockers.body.blockers.map((b: { id: string }) => b.id)).toContain(`suggestion:${threadId}`);
    const notes = (await members.chair!.api.get(`/api/meetings/${meeting.id}/export?format=md&lang=en&notes=1`)).body as string;
    expect(notes).toContain('Is this the final agenda?');
    expect(notes).not.toContain('all fine');
  });

  it('a reviewer rewriting the chair’s suggestion text: 1008', async () => {
    const update = withoutDeleteSet(await hostileUpdate(ctx.meeting.reviewDocName, (doc) => threadsMap(doc).get(threadId)!.set('suggestion', { replacement: 'something else entirely', state: 'open', decidedBy: null, decidedAt: null })));
    expect(await attack('reviewer', ctx.meeting.reviewDocName, update)).toMatchObject({ code: CloseCode.PolicyViolation, reason: expect.stringContaining('forbidden-value') });
  });

  it('a delegate replacing the chair’s approved entry with draft: 1008', async () => {
    const delegate = { id: ctx.members.delegate!.userId, name: 'Delegate' };
    const update = withoutDeleteSet(await hostileUpdate(ctx.meeting.docName, (doc) => setApproval(doc, GENERAL_SLOT_ID, 'en', 'draft', delegate)));
    expect(await attack('delegate', ctx.meeting.docName, update)).toMatchObject({ code: CloseCode.PolicyViolation, reason: expect.stringContaining('forbidden-value') });
  });

  it('authorName, authorId, resolvedBy and by naming someone else: 1008', async () => {
    const { meeting, members } = ctx;
    const reviewerId = members.reviewer!.userId;
    const forgeries = [
      await hostileUpdate(meeting.reviewDocName, (doc) => reply(doc, threadId, { id: reviewerId, name: 'Chair' }, 'all fine')),
      await hostileUpdate(meeting.reviewDocName, (doc) => reply(doc, threadId, { id: members.chair!.userId, name: 'Reviewer' }, 'all fine')),
      await hostileUpdate(meeting.reviewDocName, (doc) => setResolved(doc, threadId, true, members.chair!.userId)),
    ];
    for (const update of forgeries) expect(await attack('reviewer', meeting.reviewDocName, update)).toMatchObject({ code: CloseCode.PolicyViolation, reason: expect.stringContaining('not-signer') });
    const approval = await hostileUpdate(meeting.docName, (doc) => approvalsMap(doc).set('s1/en', { state: 'ready', by: members.chair!.userId, byName: 'Chair', at: Date.now(), digest: '', note: '' }));
    expect(await attack('delegate', meeting.docName, approval)).toMatchObject({ code: CloseCode.PolicyViolation, reason: expect.stringContaining('not-signer') });
  });
});

describe('finding 4: one small write of the wrong type or range is refused, the meeting keeps working', () => {
  it('5 in a thread’s comments, a baseline of numbers, a start time in the year 3 billion: 1007', async () => {
    const { meeting, members } = ctx;
    const comments = await hostileUpdate(meeting.reviewDocName, (doc) => (threadsMap(doc).get(threadId)!.get('comments') as Y.Array<unknown>).push([5]));
    expect(await attack('reviewer', meeting.reviewDocName, comments)).toMatchObject({ code: CloseCode.InvalidPayload, reason: expect.stringContaining('outside-schema') });
    const baseline = await hostileUpdate(meeting.docName, (doc) => {
      const entry = new Y.Map<unknown>();
      doc.getMap('translations').set(GENERAL_SLOT_ID, entry);
      entry.set('baseline', { en: 5 });
    });
    expect(await attack('delegate', meeting.docName, baseline)).toMatchObject({ code: CloseCode.InvalidPayload, reason: expect.stringContaining('outside-schema') });
    const start = await hostileUpdate(meeting.docName, (doc) => writeProgress(doc, GENERAL_SLOT_ID, { actualStart: 1e20 }));
    expect(await attack('delegate', meeting.docName, start)).toMatchObject({ code: CloseCode.InvalidPayload, reason: expect.stringContaining('outside-schema') });

    const api = members.chair!.api;
    const blockers = await api.get(`/api/meetings/${meeting.id}/blockers`);
    expect(blockers.status).toBe(200);
    for (const format of ['md', 'html', 'pdf']) expect((await api.get(`/api/meetings/${meeting.id}/export?format=${format}&notes=1`)).status).toBe(200);
    const waived = await api.post(`/api/meetings/${meeting.id}/waivers`, { blockerId: `suggestion:${threadId}`, reason: 'decided in the room' });
    expect(waived.status).toBe(201);
  });
});
