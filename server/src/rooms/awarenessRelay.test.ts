import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AwarenessRelay } from './awarenessRelay.ts';
import type { RoomPeer } from './peer.ts';

/** A peer that records the awareness client ids of every message it is sent. */
function recordingPeer(id: string): RoomPeer & { received: number[][] } {
  const received: number[][] = [];
  return {
    id,
    wantsAck: false,
    received,
    send(message: Uint8Array) {
      const decoder = decoding.createDecoder(message);
      decoding.readVarUint(decoder); // message type
      const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(inner);
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        ids.push(decoding.readVarUint(inner));
        decoding.readVarUint(inner);
        decoding.readVarString(inner);
      }
      received.push(ids);
    },
    close() {},
  };
}

/** A remote client's state update, as a connection would apply it. */
function remoteUpdate(clientId: number, clock: number, state: Record<string, unknown> | null): Uint8Array {
  const remote = new awarenessProtocol.Awareness(new Y.Doc());
  remote.doc.clientID = clientId;
  remote.clientID = clientId;
  remote.meta.set(clientId, { clock: clock - 1, lastUpdated: 0 });
  remote.setLocalState(state);
  const update = awarenessProtocol.encodeAwarenessUpdate(remote, [clientId]);
  remote.destroy();
  return update;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanup: Array<() => void> = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

function setup(options: { throttleMs?: number; renewMs?: number } = {}) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const owner = recordingPeer('owner');
  const viewer = recordingPeer('viewer');
  const relay = new AwarenessRelay(awareness, { peers: () => [owner, viewer], ownerOf: (id) => (id === 7 ? owner : undefined), ...options });
  cleanup.push(() => {
    relay.destroy();
    awareness.destroy();
  });
  return { awareness, owner, viewer };
}

describe('AwarenessRelay', () => {
  it('sends a changed state to everyone but its owner', async () => {
    const { awareness, owner, viewer } = setup();
    awarenessProtocol.applyAwarenessUpdate(awareness, remoteUpdate(7, 1, { cursor: 1 }), owner);
    await sleep(20);
    expect(viewer.received).toEqual([[7]]);
    expect(owner.received).toEqual([]);
  });

  it('coalesces changes that arrive within the throttle window into one message', async () => {
    const { awareness, owner, viewer } = setup({ throttleMs: 100 });
    awarenessProtocol.applyAwarenessUpdate(awareness, remoteUpdate(7, 1, { cursor: 1 }), owner);
    await sleep(20);
    for (let clock = 2; clock <= 5; clock++) awarenessProtocol.applyAwarenessUpdate(awareness, remoteUpdate(7, clock, { cursor: clock }), owner);
    awarenessProtocol.applyAwarenessUpdate(awareness, remoteUpdate(8, 1, { cursor: 0 }), 'someone');
    await sleep(150);
    expect(viewer.received).toEqual([[7], [7, 8]]);
    expect(awareness.getStates().get(7)).toEqual({ cursor: 5 });
  });

  it('does not echo a renewal of an unchanged state at once, and sends renewals together later', async () => {
    const { awareness, owner, viewer } = setup({ renewMs: 200 });
    awarenessProtocol.applyAwarenessUpdate(awareness, remoteUpdate(7, 1, { cursor: 1 }), owner);
    awarenessProtocol.applyAwarenessUpdate(awareness, remoteUpdate(8, 1, { cursor: 2 }), 'someone');
    await sleep(80);
    viewer.received.length = 0;
    for (let clock = 2; clock <= 4; clock++) {
      awarenessProtocol.applyAwarenessUpdate(awareness, remoteUpdate(7, clock, { cursor: 1 }), owner);
      awarenessProtocol.applyAwarenessUpdate(awareness, remoteUpdate(8, clock, { cursor: 2 }), 'someone');
    }
    await sleep(80);
    expect(viewer.received).toEqual([]);
    await sleep(250);
    expect(viewer.received).toEqual([[7, 8]]);
  });

  it('sends a removal promptly', async () => {
    const { awareness, owner, viewer } = setup();
    awarenessProtocol.applyAwarenessUpdate(awareness, remoteUpdate(8, 1, { cursor: 1 }), 'someone');
    await sleep(80);
    awarenessProtocol.removeAwarenessStates(awareness, [8], null);
    await sleep(80);
    expect(viewer.received).toEqual([[8], [8]]);
    expect(owner.received).toEqual([[8], [8]]);
  });
});
