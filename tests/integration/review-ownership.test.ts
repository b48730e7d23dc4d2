import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { createThread, editComment, readThreads, reply, setResolved, threadsMap } from '../../shared/src/model/reviewDoc.ts';
import { connectClient, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

const ctx = useMeetingServer(['delegate', 'reviewer']);

async function open(role: 'chair' | 'delegate' | 'reviewer'): Promise<ProviderClient & { codes: number[] }> {
  const client = connectClient(ctx.server.wsUrl, ctx.meeting.reviewDocName, { params: { token: ctx.members[role]!.token } });
  const codes: number[] = [];
  client.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code));
  await waitSynced(client);
  return Object.assign(client, { codes });
}

const serverThreads = () => readThreads(ctx.server.server.rooms.get(ctx.meeting.reviewDocName)!.doc);

describe('comments belong to their authors, enforced by the server', () => {
  it('others may reply and resolve, but not edit or delete someone else’s comment or thread; the chair may', async () => {
    const { members } = ctx;
    const reviewer = await open('reviewer');
    const anchorDoc = new Y.Doc();
    const text = new Y.XmlText('x');
    anchorDoc.getXmlFragment('minutes/general/en').insert(0, [text]);
    const anchor = { start: Y.createRelativePositionFromTypeIndex(text, 0), end: Y.createRelativePositionFromTypeIndex(text, 1) };
    const threadId = createThread(reviewer.doc, { slotId: 'general', lang: 'en', anchor, quote: 'x', author: { id: members.reviewer!.userId, name: 'Reviewer' }, text: 'original comment' });
    await eventually(() => expect(serverThreads()[0]?.comments[0]?.text).toBe('original comment'));
    const commentId = serverThreads()[0]!.comments[0]!.id;

    const delegate = await open('delegate');
    reply(delegate.doc, threadId, { id: members.delegate!.userId, name: 'Delegate' }, 'a reply');
    setResolved(delegate.doc, threadId, true, members.delegate!.userId);
    await eventually(() => expect(serverThreads()[0]).toMatchObject({ resolved: true, comments: [expect.anything(), expect.objectContaining({ text: 'a reply' })] }));

    // Editing the reviewer's comment: refused, socket closed, nothing stored.
    editComment(delegate.doc, threadId, commentId, 'rewritten by someone else');
    await eventually(() => expect(delegate.codes).toContain(CloseCode.PolicyViolation));
    delegate.destroy();
    const vandal = await open('delegate');
    threadsMap(vandal.doc).delete(threadId);
    await eventually(() => expect(vandal.codes).toContain(CloseCode.PolicyViolation));
    vandal.destroy();
    expect(serverThreads()[0]!.comments[0]!.text).toBe('original comment');

    // The author edits their own comment; the chair may moderate anything.
    editComment(reviewer.doc, threadId, commentId, 'edited by its author');
    await eventually(() => expect(serverThreads()[0]!.comments[0]!.text).toBe('edited by its author'));
    const chair = await open('chair');
    editComment(chair.doc, threadId, commentId, 'moderated by the chair');
    await eventually(() => expect(serverThreads()[0]!.comments[0]!.text).toBe('moderated by the chair'));
    expect(chair.codes).toEqual([]);
  });
});
