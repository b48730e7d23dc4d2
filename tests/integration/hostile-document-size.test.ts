import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { SyncStep } from '../../shared/src/protocol/messageType.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { RawClient, seedTarget, storedState, syncMessage, updateOnTop } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

// Issue 13 finding 2: any writer could make a document unopenable forever. Three 7 MB updates took
// it past 16 MiB; from then on every client, the chair too, was closed 1013 during its first sync,
// which counted against MAX_BUFFERED_BYTES. Both halves: a maximum document size enforced before
// storing, and the first sync not counted as a slow reader.
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

const FIELD = minutesField('general', 'en');

async function stored(server: TestServer, docName: string): Promise<Uint8Array[]> {
  return storedUpdates(await server.server.store.load(docName));
}

/** A raw writer's update that appends a paragraph of `text` on top of what is stored. */
async function paragraphUpdate(server: TestServer, docName: string, text: string): Promise<Uint8Array> {
  return updateOnTop(await stored(server, docName), (doc) => appendParagraph(doc, FIELD, text));
}

async function rawWriter(server: TestServer, docName: string): Promise<RawClient> {
  const raw = await RawClient.connect(`${server.wsUrl}/${docName}`);
  await raw.waitReady();
  return raw;
}

/** Sends an update and waits until the room has stored (or refused) it. */
async function write(server: TestServer, raw: RawClient, docName: string, update: Uint8Array): Promise<void> {
  raw.sendBytes(syncMessage(SyncStep.Update, update));
  if (raw.isOpen) await raw.roundTrip().catch(() => undefined);
  await server.server.rooms.get(docName)?.idle();
}

describe('maximum document size', () => {
  it('a change that would take the document past MAX_DOCUMENT_BYTES is refused with 4413, nothing of it is stored, and the document stays usable', async () => {
    const server = await startTestServer({ serveClient: false, env: { MAX_DOCUMENT_BYTES: String(1024 * 1024) } });
    const target = await seedTarget(server, 'meeting.size-limit', FIELD);
    const writer = await rawWriter(server, target.docName);
    for (const part of ['a', 'b']) await write(server, writer, target.docName, await paragraphUpdate(server, target.docName, part.repeat(400 * 1024)));
    expect(writer.isOpen).toBe(true);
    const beforeRefusal = await storedState(server, target.docName);

    writer.sendBytes(syncMessage(SyncStep.Update, await paragraphUpdate(server, target.docName, 'c'.repeat(400 * 1024))));
    const closed = await writer.waitForClose();
    expect(closed.code).toBe(CloseCode.PayloadTooLarge);
    expect(closed.reason).toMatch(/^document-too-large: the document may hold at most 1048576 bytes; this change was not stored/);
    await server.server.rooms.get(target.docName)!.idle();
    expect(await storedState(server, target.docName)).toBe(beforeRefusal);
    expect(fragmentText(target.observer.doc, FIELD)).not.toContain('ccc');

    // Still usable: a newcomer opens it, and a small edit is stored and reaches everyone.
    const newcomer = connectClient(server.wsUrl, target.docName);
    await waitSynced(newcomer);
    expect(fragmentText(newcomer.doc, FIELD)).toBe(fragmentText(target.observer.doc, FIELD));
    appendParagraph(target.observer.doc, FIELD, 'a short line after the refusal');
    await eventually(() => expect(fragmentText(newcomer.doc, FIELD)).toContain('a short line after the refusal'));
    await server.stop();
  });

  it('a document stored larger than the limit (before it existed) opens for everyone: the first sync is not a slow reader; growth is refused, deletions bring it back', async () => {
    // MAX_MESSAGE_BYTES 64 KiB makes MAX_BUFFERED_BYTES 65 KiB: the 300 KB first sync alone is over it.
    const server = await startTestServer({ serveClient: false, env: { MAX_MESSAGE_BYTES: String(64 * 1024), MAX_DOCUMENT_BYTES: String(64 * 1024) } });
    const docName = 'meeting.stored-too-large';
    const big = new Y.Doc();
    appendParagraph(big, FIELD, 'x'.repeat(300 * 1024));
    await server.server.store.append(docName, [Y.encodeStateAsUpdate(big)]);

    const readers = [connectClient(server.wsUrl, docName), connectClient(server.wsUrl, docName), connectClient(server.wsUrl, docName)];
    await waitSynced(...readers);
    for (const reader of readers) expect(fragmentText(reader.doc, FIELD).length).toBeGreaterThan(300 * 1024);
    const room = server.server.rooms.get(docName)!;
    expect(room.peers.size).toBe(3);

    const writer = await rawWriter(server, docName);
    writer.sendBytes(syncMessage(SyncStep.Update, await paragraphUpdate(server, docName, 'one more line')));
    expect((await writer.waitForClose()).code).toBe(CloseCode.PayloadTooLarge);

    // Deleting is always allowed, and makes room again.
    const trimmer = await rawWriter(server, docName);
    await write(server, trimmer, docName, updateOnTop(await stored(server, docName), (doc) => doc.getXmlFragment(FIELD).delete(0, 1)));
    expect(trimmer.isOpen).toBe(true);
    await eventually(() => expect(fragmentText(readers[0]!.doc, FIELD)).toBe(''));
    await write(server, trimmer, docName, await paragraphUpdate(server, docName, 'fits again'));
    expect(trimmer.isOpen).toBe(true);
    await eventually(() => expect(fragmentText(readers[1]!.doc, FIELD)).toContain('fits again'));
    await server.stop();
  });

  it('measures the document when a write would cross the limit, so content that was deleted does not count', async () => {
    const server = await startTestServer({ serveClient: false, env: { MAX_DOCUMENT_BYTES: String(256 * 1024) } });
    const target = await seedTarget(server, 'meeting.size-after-delete', FIELD);
    const writer = await rawWriter(server, target.docName);
    await write(server, writer, target.docName, await paragraphUpdate(server, target.docName, 'd'.repeat(180 * 1024)));
    await write(server, writer, target.docName, updateOnTop(await stored(server, target.docName), (doc) => doc.getXmlFragment(FIELD).delete(1, 1)));
    await write(server, writer, target.docName, await paragraphUpdate(server, target.docName, 'e'.repeat(150 * 1024)));
    expect(writer.isOpen).toBe(true);
    await eventually(() => expect(fragmentText(target.observer.doc, FIELD)).toContain('eeeee'));
    expect(fragmentText(target.observer.doc, FIELD)).not.toContain('ddddd');
    await server.stop();
  });

  it('an import that would take the document past the limit answers 413 and stores nothing (a small file that becomes a huge paragraph)', async () => {
    const server = await startTestServer({ serveClient: false, access: 'enforced', env: { MAX_DOCUMENT_BYTES: String(256 * 1024) } });
    const { meeting, members } = await meetingWithMembers(server.url, []);
    const importDraft = (body: string) =>
      fetch(`${server.url}/api/meetings/${meeting.id}/minutes/general/en/import`, { method: 'POST', headers: { authorization: `Bearer ${members.chair!.token}`, 'content-type': 'text/markdown' }, body });
    const before = await storedState(server, meeting.docName);
    const refused = await importDraft('y'.repeat(300 * 1024));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ code: 'document_too_large', error: expect.stringMatching(/^document-too-large: the document may hold at most 262144 bytes/) });
    expect(await storedState(server, meeting.docName)).toBe(before);
    expect((await importDraft('a draft that fits')).status).toBe(201);
    await server.stop();
  });
});
