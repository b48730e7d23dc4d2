import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, connectQuorumClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { FaultyStore } from '../helpers/faultyStore.ts';
import { storedState } from '../helpers/rawSocket.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

const FIELD = minutesField('general', 'en');
afterEach(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

async function faultyServer() {
  let faulty!: FaultyStore;
  const server = await startTestServer({ serveClient: false, wrapDocStore: (s) => (faulty = new FaultyStore(s)) });
  return { server, faulty };
}

describe('store failures (peer-failures C)', () => {
  it('a failed load closes the client with 1011, stores nothing, and the next load returns the original (hocuspocus #382)', async () => {
    const { server, faulty } = await faultyServer();
    const writer = connectClient(server.wsUrl, 'meeting.load');
    await waitSynced(writer);
    appendParagraph(writer.doc, FIELD, 'the original');
    await eventually(() => expect(faulty.appends).toBe(1));
    writer.destroy();
    await eventually(() => expect(server.server.rooms.get('meeting.load')).toBeUndefined());
    const before = await storedState(server.server.store, 'meeting.load');

    faulty.failLoads = 1;
    const victim = connectClient(server.wsUrl, 'meeting.load', { params: { ack: '1' } });
    const codes: number[] = [];
    victim.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code));
    appendParagraph(victim.doc, FIELD, 'typed while the load failed');
    await eventually(() => expect(codes).toContain(CloseCode.InternalError));
    victim.provider.disconnect();
    expect(await storedState(server.server.store, 'meeting.load')).toBe(before);

    const reader = connectClient(server.wsUrl, 'meeting.load');
    await waitSynced(reader);
    expect(fragmentText(reader.doc, FIELD)).toContain('the original');
  });

  it('a failing store gives no ack, says "not saved", keeps the doc in memory and retries until stored (hocuspocus #954)', async () => {
    const { server, faulty } = await faultyServer();
    const writer = connectQuorumClient(server.wsUrl, 'meeting.storefail');
    let stored = new Map<number, number>();
    const statuses: boolean[] = [];
    writer.provider.serverEvents.on('stored-ack', (stateVector) => (stored = stateVector));
    writer.provider.serverEvents.on('store-status', (status) => statuses.push(status.ok));
    const watcher = connectClient(server.wsUrl, 'meeting.storefail');
    await waitSynced(writer, watcher);

    faulty.failAppends = true;
    appendParagraph(writer.doc, FIELD, 'not stored yet');
    await eventually(() => expect(statuses).toContain(false));
    // Barrier: the server failed a second attempt (so it is done with the first one), then relayed
    // each client's newer awareness to the other, on the sockets an ack or a broadcast of the
    // update would have used: whatever it sent for the update has arrived by then.
    await eventually(() => expect(faulty.failedAppends).toBeGreaterThanOrEqual(2), 10_000);
    writer.provider.awareness.setLocalStateField('barrier', 1);
    watcher.provider.awareness.setLocalStateField('barrier', 1);
    await eventually(() => expect(watcher.provider.awareness.getStates().get(writer.doc.clientID)?.barrier).toBe(1));
    await eventually(() => expect(writer.provider.awareness.getStates().get(watcher.doc.clientID)?.barrier).toBe(1));
    expect(stored.get(writer.doc.clientID) ?? 0).toBe(0);
    expect(fragmentText(watcher.doc, FIELD)).not.toContain('not stored yet');
    // The writer leaves: its edit now lives only in the server's memory, which keeps retrying.
    const room = server.server.rooms.get('meeting.storefail')!;
    writer.destroy();
    await eventually(() => expect(room.peers.size).toBe(1));
    const attempts = faulty.failedAppends;
    await eventually(() => expect(faulty.failedAppends).toBeGreaterThan(attempts), 10_000);

    faulty.failAppends = false;
    await eventually(() => expect(fragmentText(watcher.doc, FIELD)).toContain('not stored yet'), 10_000);
    const fromStore = new Y.Doc();
    for (const u of storedUpdates(await server.server.store.load('meeting.storefail'))) Y.applyUpdate(fromStore, u);
    expect(fragmentText(fromStore, FIELD)).toContain('not stored yet');
  });

  it('a client that returns while the room unloads through a slow store loses nothing (hocuspocus #995)', async () => {
    const { server, faulty } = await faultyServer();
    const first = connectClient(server.wsUrl, 'meeting.unload');
    await waitSynced(first);
    appendParagraph(first.doc, FIELD, 'before leaving');
    await eventually(() => expect(faulty.appends).toBe(1));
    faulty.compactDelayMs = 500;
    faulty.appendDelayMs = 200;
    first.destroy(); // last client leaves: unload (with a slow compaction) begins
    // Return while that compaction runs (not after a guessed delay, which load can overshoot).
    await eventually(() => expect(faulty.compactsStarted).toBe(1));
    const second = connectClient(server.wsUrl, 'meeting.unload');
    await waitSynced(second);
    appendParagraph(second.doc, FIELD, 'typed during unload');
    await eventually(() => expect(faulty.appends).toBe(2), 5_000);
    expect(server.server.rooms.get('meeting.unload')).toBeDefined();
    second.destroy();
    await eventually(() => expect(server.server.rooms.get('meeting.unload')).toBeUndefined(), 5_000);
    await server.restart();
    const reader = connectClient(server.wsUrl, 'meeting.unload');
    await waitSynced(reader);
    expect(fragmentText(reader.doc, FIELD)).toContain('before leaving');
    expect(fragmentText(reader.doc, FIELD)).toContain('typed during unload');
  });
});
