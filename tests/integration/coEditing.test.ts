import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { appendParagraph, connectClient, connectQuorumClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

const FIELD = minutesField('general', 'en');

afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

describe('live co-editing through the real server', () => {
  it('converges concurrent edits from several clients', async () => {
    const server = await startTestServer({ serveClient: false });
    const clients = [0, 1, 2].map(() => connectClient(server.wsUrl, 'meeting.coedit'));
    await waitSynced(...clients);
    clients.forEach((c, i) => appendParagraph(c.doc, FIELD, `from client ${i}`));
    await eventually(() => {
      const texts = clients.map((c) => fragmentText(c.doc, FIELD));
      expect(new Set(texts).size).toBe(1);
      for (let i = 0; i < 3; i++) expect(texts[0]).toContain(`from client ${i}`);
    });
  });

  it('gives a late joiner the full state in its first sync', async () => {
    const server = await startTestServer({ serveClient: false });
    const writer = connectClient(server.wsUrl, 'meeting.late');
    await waitSynced(writer);
    for (let i = 0; i < 20; i++) appendParagraph(writer.doc, FIELD, `line ${i}`);
    await eventually(() => expect(server.server.rooms.get('meeting.late')?.doc.getXmlFragment(FIELD).length).toBe(20));
    const late = connectClient(server.wsUrl, 'meeting.late');
    await waitSynced(late);
    expect(fragmentText(late.doc, FIELD)).toBe(fragmentText(writer.doc, FIELD));
  });

  it('answers the first sync only after the room is loaded from the store', async () => {
    const server = await startTestServer({ serveClient: false });
    const writer = connectQuorumClient(server.wsUrl, 'meeting.loadfirst');
    await waitSynced(writer);
    appendParagraph(writer.doc, FIELD, 'stored before restart');
    await eventually(() => expect(server.server.rooms.get('meeting.loadfirst')?.doc.getXmlFragment(FIELD).length).toBe(1));
    writer.destroy();
    await server.restart();
    // The moment the provider says "synced", the stored content must already be there.
    const reader = connectClient(server.wsUrl, 'meeting.loadfirst');
    const seenAtSync = await new Promise<string>((resolve) => {
      reader.provider.once('sync', () => resolve(fragmentText(reader.doc, FIELD)));
    });
    expect(seenAtSync).toContain('stored before restart');
  });

  it('keeps content across a restart and unloads rooms when the last client leaves', async () => {
    const server = await startTestServer({ serveClient: false });
    const a = connectClient(server.wsUrl, 'meeting.restart');
    await waitSynced(a);
    appendParagraph(a.doc, FIELD, '會議紀錄 minutes');
    await eventually(() => expect(server.server.rooms.get('meeting.restart')?.doc.getXmlFragment(FIELD).length).toBe(1));
    a.destroy();
    await eventually(() => expect(server.server.rooms.get('meeting.restart')).toBeUndefined());
    await server.restart();
    const b = connectClient(server.wsUrl, 'meeting.restart');
    await waitSynced(b);
    expect(fragmentText(b.doc, FIELD)).toContain('會議紀錄 minutes');
  });

  it('sends awareness of others and removes it when a client disconnects', async () => {
    const server = await startTestServer({ serveClient: false });
    const a = connectClient(server.wsUrl, 'meeting.aware');
    const b = connectClient(server.wsUrl, 'meeting.aware');
    await waitSynced(a, b);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#336699' });
    await eventually(() => expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe('Ada'));
    a.destroy();
    await eventually(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false));
  });

  it('acknowledges durable storage with the stored state vector', async () => {
    const server = await startTestServer({ serveClient: false });
    const a = connectQuorumClient(server.wsUrl, 'meeting.ack');
    let stored: Map<number, number> = new Map();
    a.provider.serverEvents.on('stored-ack', (stateVector) => (stored = stateVector));
    await waitSynced(a);
    appendParagraph(a.doc, FIELD, 'acked');
    await eventually(() => expect(stored.get(a.doc.clientID)).toBe(Y.getState(a.doc.store, a.doc.clientID)));
    // What the ack claims is really in the store.
    const fromStore = new Y.Doc();
    for (const update of storedUpdates(await server.server.store.load('meeting.ack'))) Y.applyUpdate(fromStore, update);
    expect(fragmentText(fromStore, FIELD)).toContain('acked');
  });
});
