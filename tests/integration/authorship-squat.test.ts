import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { appendParagraph, connectClient, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';
import { awarenessMessage, RawClient, storedState, syncMessage } from '../helpers/rawClient.ts';

// Issue 13, from reading the code: authorship was bound to the first writer of a client id, and
// client ids are visible in awareness, so a member could write under a colleague's id before the
// colleague did (their text then counted as the colleague's, and the colleague's own edits were
// refused). Now an id is bound when it is first claimed in awareness; clients that never send
// awareness (stock scripts) are still bound by their first write.
const ctx = useMeetingServer(['delegate']);
const FIELD = minutesField('general', 'en');

async function rawAs(role: 'chair' | 'delegate'): Promise<RawClient> {
  const raw = await RawClient.connect(`${ctx.server.wsUrl}/${ctx.meeting.docName}?token=${ctx.members[role]!.token}`);
  await raw.waitReady();
  return raw;
}

/** An update appending `text`, written under `clientId` on top of what is stored. */
async function updateAs(clientId: number, text: string): Promise<Uint8Array> {
  const doc = new Y.Doc();
  for (const update of storedUpdates(await ctx.server.server.store.load(ctx.meeting.docName))) Y.applyUpdate(doc, update);
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  appendParagraph(doc, FIELD, text);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('authorship bound at the first awareness claim', () => {
  it("a member cannot write under the client id a colleague's tab shows in its presence", async () => {
    const room = () => ctx.server.server.rooms.get(ctx.meeting.docName)!;
    // Keeps the room open when the chair's tab goes.
    const holder = connectClient(ctx.server.wsUrl, ctx.meeting.docName, { params: { token: ctx.members.delegate!.token } });
    const chair = connectClient(ctx.server.wsUrl, ctx.meeting.docName, { params: { token: ctx.members.chair!.token } });
    await waitSynced(holder, chair);
    chair.provider.awareness.setLocalStateField('user', { id: ctx.members.chair!.userId, name: 'Chair' });
    // Bound by the presence alone: the chair has not written anything.
    await eventually(() => expect(room().authorOf(chair.doc.clientID)).toBe(ctx.members.chair!.userId));
    const before = await storedState(ctx.server, ctx.meeting.docName);

    const squatter = await rawAs('delegate');
    squatter.sendBytes(syncMessage(SyncStep.Update, await updateAs(chair.doc.clientID, 'signed as the chair')));
    const closed = await squatter.waitForClose();
    expect(closed.code).toBe(CloseCode.PolicyViolation);
    expect(closed.reason).toBe(`authorship: client id ${chair.doc.clientID} belongs to another user`);
    await room().idle();
    expect(await storedState(ctx.server, ctx.meeting.docName)).toBe(before);

    // The chair's own first edit under that id is accepted and is the chair's.
    appendParagraph(chair.doc, FIELD, 'the chair writes');
    await eventually(async () => expect(await storedState(ctx.server, ctx.meeting.docName)).not.toBe(before));
    expect(room().authorOf(chair.doc.clientID)).toBe(ctx.members.chair!.userId);

    // Once the chair's tab has gone, its id cannot be claimed in awareness by someone else either.
    const chairId = chair.doc.clientID;
    const clock = room().awareness.meta.get(chairId)!.clock;
    chair.destroy();
    await eventually(() => expect(room().hasAwarenessOwner(chairId)).toBe(false));
    const claimer = await rawAs('delegate');
    claimer.sendBytes(awarenessMessage([{ clientId: chairId, clock: clock + 5, json: JSON.stringify({ user: { id: ctx.members.delegate!.userId, name: 'Delegate' } }) }]));
    const refused = await claimer.waitForClose();
    expect(refused.code).toBe(CloseCode.PolicyViolation);
    expect(refused.reason).toBe(`awareness for client ${chairId}, which writes for another user`);
    holder.destroy();
  });

  it('a client that never sends awareness is still bound to its user by its first write', async () => {
    const room = ctx.server.server.rooms.get(ctx.meeting.docName);
    const script = await rawAs('delegate');
    const clientId = 0x5eed;
    expect(room?.authorOf(clientId)).toBeUndefined();
    script.sendBytes(syncMessage(SyncStep.Update, await updateAs(clientId, 'written by a script')));
    await script.roundTrip();
    const live = ctx.server.server.rooms.get(ctx.meeting.docName)!;
    await live.idle();
    expect(fragmentText(live.doc, FIELD)).toContain('written by a script');
    expect(live.authorOf(clientId)).toBe(ctx.members.delegate!.userId);
    // ...and from then on nobody else writes under it.
    const other = await rawAs('chair');
    other.sendBytes(syncMessage(SyncStep.Update, await updateAs(clientId, 'not mine')));
    expect((await other.waitForClose()).reason).toBe(`authorship: client id ${clientId} belongs to another user`);
    script.close();
  });
});
