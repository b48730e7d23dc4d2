import { describe, expect, it } from 'vitest';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { SaveTracker } from '../../client/src/collab/saveTracker.ts';
import { localMinutesMarkdown } from '../../client/src/records/localMinutes.ts';
import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import { finaliseWaivingBlockers } from '../helpers/api.ts';
import { appendParagraph, connectQuorumClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

// Peer failures B/E: edits made offline reach the server after the meeting was finalised. They are
// refused (not stored, not broadcast), their author is told why, and they stay exportable from
// the author's device. Uses the web client's own SaveTracker on a real provider and ctx.server.
const ctx = useMeetingServer(['delegate']);
const field = minutesField('general', 'en');

describe('offline edits that arrive after finalisation', () => {
  it('are refused with the reason, kept on the device and downloadable, never stored', async () => {
    const { meeting, members } = ctx;
    const delegate = connectQuorumClient(ctx.server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    const tracker = new SaveTracker(delegate.doc, delegate.provider);
    await waitSynced(delegate);
    appendParagraph(delegate.doc, field, 'Written while connected.');
    await eventually(() => expect(tracker.getStatus()).toBe('saved'));

    // The delegate's laptop goes offline and they keep writing; meanwhile the chair finalises.
    delegate.provider.disconnect();
    appendParagraph(delegate.doc, field, 'Written offline after the record closed.');
    expect(tracker.getStatus()).toBe('not-saved'); // no device cache in Node: honest about it
    expect((await finaliseWaivingBlockers(members.chair!.api, meeting.id)).status).toBe(200);

    delegate.provider.connect();
    await eventually(() => expect(tracker.getStatus()).toBe('refused'), 10_000);
    expect(tracker.deniedReason).toBe('meeting-finalised');

    // Still in the author's doc, and in the file they can download.
    expect(fragmentText(delegate.doc, field)).toContain('Written offline after the record closed.');
    const unsaved = tracker.unsavedUpdate();
    const file = localMinutesMarkdown(delegate.doc, unsaved, 'kept on this device');
    expect(file).toContain('Written offline after the record closed.');
    expect(file).toContain(toBase64(unsaved));
    // The update in the file, applied to the server's state, restores exactly the refused text.
    const restored = new Y.Doc();
    Y.applyUpdate(restored, Y.encodeStateAsUpdate(ctx.server.server.rooms.get(meeting.docName)!.doc));
    Y.applyUpdate(restored, unsaved);
    expect(fragmentText(restored, field)).toContain('Written offline after the record closed.');

    // Never stored or shown to anyone else: not in the room, not in an export, not after a restart.
    expect(fragmentText(ctx.server.server.rooms.get(meeting.docName)!.doc, field)).not.toContain('offline');
    const md = await members.chair!.api.request('GET', `/api/meetings/${meeting.id}/export?format=md&lang=en`);
    expect(String(md.body)).toContain('Written while connected.');
    expect(String(md.body)).not.toContain('Written offline');
    tracker.destroy();
    destroyAllClients();
    await ctx.server.restart();
    // (eventually: the first request may meet a keep-alive socket of the old process)
    await eventually(async () => {
      const after = await members.chair!.api.request('GET', `/api/meetings/${meeting.id}/export?format=md&lang=en`);
      expect(String(after.body)).toContain('Written while connected.');
      expect(String(after.body)).not.toContain('Written offline');
    }, 10_000);
  });
});
