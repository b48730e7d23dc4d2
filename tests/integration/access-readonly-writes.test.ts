import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readConfirmations, setConfirmation } from '../../shared/src/model/confirmations.ts';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { MessageType, SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { linkDelegation } from '../helpers/delegations.ts';
import { eventually } from '../helpers/eventually.ts';
import { syncMessage as anySyncMessage } from '../helpers/rawClient.ts';
import { paragraphUpdate, RawSocket, storedState, syncMessage } from '../helpers/rawSocket.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

const FIELD = minutesField('general', 'en');
let server: TestServer;
let setup: Awaited<ReturnType<typeof meetingWithMembers>>;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  setup = await meetingWithMembers(server.url, ['delegate', 'reviewer', 'observer']);
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

describe('read-only connections cannot write, however they try (peer-failures B)', () => {
  for (const role of ['observer', 'reviewer'] as const) {
    for (const step of [SyncStep.Update, SyncStep.Step2]) {
      it(`${role}: a hand-crafted [0,${step},…] with new content is denied, not applied, not broadcast, not stored`, async () => {
        const { meeting, members } = setup;
        const chair = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
        await waitSynced(chair);
        const before = await storedState(server.server.store, meeting.docName);
        const raw = await RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${members[role]!.token}`);
        const update = paragraphUpdate(storedUpdates(await server.server.store.load(meeting.docName)), FIELD, `${role} sneaks in ${step}`);
        raw.send(syncMessage(step, update));
        const denial = await raw.waitFor(MessageType.Auth);
        expect(denial[1]).toBe(0); // permission denied
        expect(Buffer.from(denial).toString()).toContain(`role-${role}`);
        // Positive control: the chair's later edit arrives everywhere, the read-only one never does.
        appendParagraph(chair.doc, FIELD, `chair after ${role} ${step}`);
        const reader = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
        await waitSynced(reader);
        await eventually(() => expect(fragmentText(reader.doc, FIELD)).toContain(`chair after ${role} ${step}`));
        expect(fragmentText(chair.doc, FIELD)).not.toContain('sneaks in');
        expect(fragmentText(server.server.rooms.get(meeting.docName)!.doc, FIELD)).not.toContain('sneaks in');
        expect(await storedState(server.server.store, meeting.docName)).not.toBe(before); // the chair's edit
        expect(Buffer.from(await storedState(server.server.store, meeting.docName), 'base64').toString()).not.toContain('sneaks in');
        raw.close();
        chair.destroy();
        reader.destroy();
      });
    }
  }

  it('a sync step 2 with nothing new is a harmless no-op (no denial, no close)', async () => {
    const { meeting, members } = setup;
    const raw = await RawSocket.open(`${server.wsUrl}/${meeting.docName}?token=${members.observer!.token}`);
    raw.send(syncMessage(SyncStep.Step2, Y.encodeStateAsUpdate(new Y.Doc())));
    // Barrier: a round trip (sync step 1 answered by step 2). The server handles a socket's
    // messages in order, so a denial or a close for the step 2 would have come first.
    const isStep2 = (m: Uint8Array) => m[0] === MessageType.Sync && m[1] === SyncStep.Step2;
    const answered = raw.messages.filter(isStep2).length;
    raw.send(anySyncMessage(SyncStep.Step1, Y.encodeStateVector(new Y.Doc())));
    await eventually(() => expect(raw.closed ?? raw.messages.filter(isStep2).length).toBe(answered + 1));
    expect(raw.messages.some((m) => m[0] === MessageType.Auth)).toBe(false);
    expect(raw.closed).toBeNull();
    raw.close();
  });

  it('survives a restart: nothing a read-only socket sent is in the store', async () => {
    await server.restart();
    const { meeting, members } = setup;
    const reader = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(reader);
    expect(fragmentText(reader.doc, FIELD)).toContain('chair after observer');
    expect(fragmentText(reader.doc, FIELD)).not.toContain('sneaks in');
    reader.destroy();
  });

  it('a reviewer may write the review doc but not the minutes; a delegate may not rewrite the agenda', async () => {
    const { meeting, members } = setup;
    const reviewer = connectClient(server.wsUrl, meeting.reviewDocName, { params: { token: members.reviewer!.token } });
    const chairReview = connectClient(server.wsUrl, meeting.reviewDocName, { params: { token: members.chair!.token } });
    await waitSynced(reviewer, chairReview);
    await linkDelegation(server, meeting.docName, 'r1', [members.reviewer!.userId]); // who confirms for a delegation: its linked accounts
    setConfirmation(reviewer.doc, 'r1', 'confirmed', 'a comment', { id: members.reviewer!.userId, name: 'Reviewer' });
    await eventually(() => expect(readConfirmations(chairReview.doc).get('r1')?.note).toBe('a comment'));

    const delegate = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    const codes: number[] = [];
    delegate.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code));
    await waitSynced(delegate);
    delegate.doc.getMap('agenda').set('rogue', new Y.Map());
    await eventually(() => expect(codes).toContain(CloseCode.InvalidPayload));
    const stored = new Y.Doc();
    for (const u of storedUpdates(await server.server.store.load(meeting.docName))) Y.applyUpdate(stored, u);
    expect(stored.getMap('agenda').has('rogue')).toBe(false);
  });
});
