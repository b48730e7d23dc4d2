import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../../shared/src/protocol/messageType.ts';
import type { RoomPeer } from './peer.ts';
import { UpdateBroadcast } from './updateBroadcast.ts';

/** Peers that keep what they were sent, decoded back into the updates' text. */
function peers(ids: string[]) {
  const received = new Map<string, Uint8Array[]>(ids.map((id) => [id, []]));
  const list = ids.map((id) => ({ id, send: (message: Uint8Array) => received.get(id)!.push(message) }) as unknown as RoomPeer);
  /** Text of a doc holding `base` and everything `id` received. */
  const textAt = (id: string, base: Y.Doc) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    for (const message of received.get(id)!) {
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarUint(decoder)).toBe(MessageType.Sync);
      expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsUpdate);
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    }
    return doc.getText('t').toString();
  };
  return { list, received, textAt };
}

/** One typed character by each named author, on a shared starting doc. */
function edits(base: Y.Doc, authors: string[]) {
  return authors.map((senderId, i) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    let update: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.getText('t').insert(0, String(i));
    return { senderId, update: update! };
  });
}

describe('UpdateBroadcast', () => {
  const base = new Y.Doc();
  base.getText('t').insert(0, 'x');

  it('a batch by two authors: each gets only the other one update, everyone else the merge', () => {
    const { list, received, textAt } = peers(['a', 'b', 'viewer']);
    const broadcast = new UpdateBroadcast(() => list);
    const [ea, eb] = edits(base, ['a', 'b']);
    broadcast.batch(() => {
      broadcast.send(ea!.update, 'a');
      broadcast.send(eb!.update, 'b');
    });
    for (const id of ['a', 'b', 'viewer']) expect(received.get(id)).toHaveLength(1);
    expect(textAt('a', base)).not.toContain('0');
    expect(textAt('a', base)).toContain('1');
    expect(textAt('b', base)).not.toContain('1');
    expect(textAt('viewer', base)).toMatch(/^(01|10)x$/);
  });

  it('a batch by three authors: one merged message for everyone (senders get their own edit too); a batch all by one author is not sent back to it', () => {
    const { list, received, textAt } = peers(['a', 'b', 'c', 'viewer']);
    const broadcast = new UpdateBroadcast(() => list);
    const three = edits(base, ['a', 'b', 'c']);
    broadcast.batch(() => {
      for (const e of three) broadcast.send(e.update, e.senderId);
    });
    const first = received.get('viewer')![0];
    for (const id of ['a', 'b', 'c']) expect(received.get(id)).toEqual([first]);
    expect(textAt('viewer', base).length).toBe(4);

    const { list: list2, received: received2 } = peers(['a', 'viewer']);
    const alone = new UpdateBroadcast(() => list2);
    const own = edits(base, ['a', 'a']);
    alone.batch(() => {
      for (const e of own) alone.send(e.update, 'a');
    });
    expect(received2.get('a')).toHaveLength(0);
    expect(received2.get('viewer')).toHaveLength(1);
  });
});
