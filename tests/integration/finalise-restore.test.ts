import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { slotText } from '../../shared/src/model/minutesText.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { finaliseWaivingBlockers } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

// Issue 13, finding 5: restoring a version on a finalised meeting answered 201, the live minutes
// diverged from the archive, the status stayed `finalised` and nothing was audited.
const ctx = useMeetingServer(['delegate']);
const field = minutesField('general', 'en');

/** The live minutes as the room holds them, once everything it accepted is applied. */
async function liveState(docName: string): Promise<Uint8Array> {
  return ctx.server.server.rooms.withRoom(docName, async (room) => {
    await room.idle();
    return Y.encodeStateAsUpdate(room.doc);
  });
}

const sameDoc = (a: Uint8Array, b: Uint8Array) => {
  const [x, y] = [new Y.Doc(), new Y.Doc()];
  Y.applyUpdate(x, a);
  Y.applyUpdate(y, b);
  return Y.equalSnapshots(Y.snapshot(x), Y.snapshot(y));
};

describe('restoring a version', () => {
  it('is refused while the meeting is finalised: the live minutes stay the archived ones', async () => {
    const { meeting, members } = ctx;
    const chair = members.chair!.api;
    const writer = connectClient(ctx.server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(writer);
    appendParagraph(writer.doc, field, 'First draft of the opening.');
    await eventually(async () => expect(slotText(ctx.server.server.rooms.get(meeting.docName)!.doc, 'general', 'en')).toContain('First draft'));
    const early = await chair.post(`/api/meetings/${meeting.id}/versions`, { label: 'early draft' });
    expect(early.status).toBe(201);
    appendParagraph(writer.doc, field, 'Agreed wording.');
    await eventually(async () => expect(slotText(ctx.server.server.rooms.get(meeting.docName)!.doc, 'general', 'en')).toContain('Agreed wording'));

    const finalised = await finaliseWaivingBlockers(chair, meeting.id);
    expect(finalised.status).toBe(200);
    const versionsBefore = (await chair.get(`/api/meetings/${meeting.id}/versions`)).body.versions;
    const auditBefore = (await chair.get(`/api/meetings/${meeting.id}/audit`)).body.entries.length;

    const restore = await chair.post(`/api/meetings/${meeting.id}/versions/${early.body.id}/restore`);
    expect(restore.status).toBe(409);
    expect(restore.body.code).toBe('finalised');
    expect(restore.body.error).toMatch(/finalised/);

    // Nothing changed: status, versions, audit, and the live minutes equal the archived state.
    expect((await chair.get(`/api/meetings/${meeting.id}`)).body.status).toBe('finalised');
    expect((await chair.get(`/api/meetings/${meeting.id}/versions`)).body.versions).toEqual(versionsBefore);
    expect((await chair.get(`/api/meetings/${meeting.id}/audit`)).body.entries.length).toBe(auditBefore);
    const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(`${ctx.server.url}/api/archive/${finalised.body.archive.id}/package`, { headers: { authorization: `Bearer ${members.chair!.token}` } })).arrayBuffer()));
    const archived = await zip.file('minutes.ystate')!.async('uint8array');
    expect(sameDoc(await liveState(meeting.docName), archived)).toBe(true);
    expect((await chair.get(`/api/archive/${finalised.body.archive.id}/verify`)).body.ok).toBe(true);
  });

  it('is audited with who restored which version once the meeting is reopened', async () => {
    const { meeting, members } = ctx;
    const chair = members.chair!.api;
    expect((await chair.post(`/api/meetings/${meeting.id}/reopen`, { reason: 'restore the early draft' })).status).toBe(200);
    const early = (await chair.get(`/api/meetings/${meeting.id}/versions`)).body.versions.find((v: { label: string }) => v.label === 'early draft');
    const restored = await chair.post(`/api/meetings/${meeting.id}/versions/${early.id}/restore`);
    expect(restored.status).toBe(201);
    const entry = (await chair.get(`/api/meetings/${meeting.id}/audit`)).body.entries.find((e: { action: string }) => e.action === 'version.restore');
    expect(entry).toMatchObject({ actorId: members.chair!.userId, actorName: 'Chair', details: { versionId: early.id, label: 'early draft', restoredVersionId: restored.body.id } });
    expect(typeof entry.details.beforeVersionId).toBe('string');
    const live = new Y.Doc();
    Y.applyUpdate(live, await liveState(meeting.docName));
    expect(slotText(live, 'general', 'en')).toBe('First draft of the opening.');
    destroyAllClients();
  });
});
