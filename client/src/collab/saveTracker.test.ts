import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ObservableV2 } from 'lib0/observable';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../../../shared/src/protocol/messageType.ts';
import { encodeStoreStatus, encodeStoredAck } from '../../../shared/src/protocol/storedAck.ts';
import { writePermissionDenied } from 'y-protocols/auth';
import { QuorumProvider } from './quorumProvider.ts';
import { SaveTracker, type OfflineCache } from './saveTracker.ts';

/** Never opened: the provider is driven by hand (connect: false). */
class NoSocket {}

class FakeOfflineCache extends ObservableV2<{ synced: () => void }> {
  synced = false;
  open() {
    this.synced = true;
    this.emit('synced', []);
  }
}

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup(offlineCache: FakeOfflineCache | null = null) {
  const doc = new Y.Doc();
  const provider = new QuorumProvider('ws://127.0.0.1:1/collab', 'meeting.t', doc, { connect: false, WebSocketPolyfill: NoSocket as unknown as typeof WebSocket });
  const tracker = new SaveTracker(doc, provider, offlineCache as unknown as OfflineCache | null);
  cleanups.push(() => {
    tracker.destroy();
    provider.destroy();
  });
  /** Delivers a server message the way y-websocket does: decoder positioned after the type. */
  const receive = (message: Uint8Array) => {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    provider.messageHandlers[type]!(encoding.createEncoder(), decoder, provider, true, type);
  };
  const setConnected = (connected: boolean) => {
    provider.wsconnected = connected;
    provider.emit('status', [{ status: connected ? 'connected' : 'disconnected' }]);
  };
  const ackEverything = () => receive(encodeStoredAck(Y.encodeStateVector(doc)));
  const type = (text: string) => doc.getText('t').insert(0, text);
  return { doc, provider, tracker, receive, setConnected, ackEverything, type };
}

describe('SaveTracker', () => {
  it('is "saving" until the server acks every client of the local state vector', () => {
    const { tracker, setConnected, ackEverything, type, receive } = setup();
    setConnected(true);
    ackEverything();
    expect(tracker.getStatus()).toBe('saved');
    type('a');
    expect(tracker.getStatus()).toBe('saving');
    receive(encodeStoredAck(Y.encodeStateVector(new Y.Doc())));
    expect(tracker.getStatus()).toBe('saving');
    ackEverything();
    expect(tracker.getStatus()).toBe('saved');
  });

  it('counts updates that arrive from the server as stored', () => {
    const { doc, provider, tracker, setConnected } = setup();
    setConnected(true);
    const remote = new Y.Doc();
    remote.getText('t').insert(0, 'from someone else');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), provider);
    expect(tracker.getStatus()).toBe('saved');
  });

  it('never goes backwards when an older ack arrives after a newer one', () => {
    const { doc, tracker, setConnected, ackEverything, type, receive } = setup();
    setConnected(true);
    type('a');
    const older = Y.encodeStateVector(doc);
    type('b');
    ackEverything();
    receive(encodeStoredAck(older));
    expect(tracker.getStatus()).toBe('saved');
  });

  it('says "not saved" while the store fails, and forgets it on a new connection', () => {
    const { tracker, setConnected, ackEverything, receive } = setup();
    setConnected(true);
    ackEverything();
    receive(encodeStoreStatus(false, '[disk-full] the server disk is full'));
    expect(tracker.getStatus()).toBe('not-saved');
    expect(tracker.storeProblem).toBe('disk-full');
    // The server only greets with StoreStatus while failing: a healthy one says nothing.
    setConnected(false);
    setConnected(true);
    expect(tracker.getStatus()).toBe('saved');
    expect(tracker.storeProblem).toBeNull();
  });

  it('offline with unsaved edits is "offline" only once the device copy works', () => {
    const cache = new FakeOfflineCache();
    const { tracker, setConnected, ackEverything, type } = setup(cache);
    setConnected(true);
    ackEverything();
    setConnected(false);
    expect(tracker.getStatus()).toBe('offline');
    type('typed offline');
    expect(tracker.getStatus()).toBe('not-saved');
    cache.open();
    expect(tracker.getStatus()).toBe('offline');
    setConnected(true);
    expect(tracker.getStatus()).toBe('saving');
    ackEverything();
    expect(tracker.getStatus()).toBe('saved');
  });

  it('says "refused" when the server denies our edits, and hands them out for download', () => {
    const { doc, tracker, setConnected, ackEverything, type, receive } = setup();
    setConnected(true);
    type('stored ');
    ackEverything();
    type('refused edit');
    const denied = encoding.createEncoder();
    encoding.writeVarUint(denied, MessageType.Auth);
    writePermissionDenied(denied, 'meeting-finalised');
    receive(encoding.toUint8Array(denied));
    expect(tracker.getStatus()).toBe('refused');
    expect(tracker.deniedReason).toBe('meeting-finalised');
    // The unsaved update carries exactly what the server did not acknowledge.
    const unsaved = Y.decodeUpdate(tracker.unsavedUpdate());
    expect(unsaved.structs.map((s) => s.length).reduce((a, b) => a + b, 0)).toBe('refused edit'.length);
    expect(doc.getText('t').toString()).toBe('refused editstored ');
  });

  it('notifies subscribers only when the status changes', () => {
    const { tracker, setConnected, ackEverything, type } = setup();
    let calls = 0;
    tracker.subscribe(() => calls++);
    setConnected(true);
    ackEverything();
    const afterSaved = calls;
    ackEverything();
    expect(calls).toBe(afterSaved);
    type('x');
    expect(calls).toBe(afterSaved + 1);
  });
});
