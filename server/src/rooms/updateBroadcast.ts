import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../../shared/src/protocol/messageType.ts';
import type { RoomPeer } from './peer.ts';

/**
 * Above this many distinct senders in one batch, senders get the whole merged update (their own
 * edits included, which Yjs ignores) instead of a merge made for each: bounds the merging at O(n).
 */
const MAX_PER_SENDER_MERGES = 16;

interface Outgoing {
  update: Uint8Array;
  /** The peer whose edit this is (not sent its own edit back), or null for everyone. */
  senderId: string | null;
}

/**
 * Sends a room's applied updates to its peers. While a batch is applied its updates are collected
 * and sent as one message per peer: everyone who sent nothing in the batch gets the same bytes
 * (merged and encoded once); a sender gets the others' updates merged, so it is not sent its own
 * edits back (unless the batch has so many senders that merging per sender would cost more than
 * the echo).
 */
export class UpdateBroadcast {
  private outgoing: Outgoing[] | null = null;

  constructor(private readonly peers: () => Iterable<RoomPeer>) {}

  /** An update applied to the doc: sent now, or collected while a batch is applied. */
  send(update: Uint8Array, senderId: string | null): void {
    if (this.outgoing) {
      this.outgoing.push({ update, senderId });
      return;
    }
    const message = syncUpdateMessage(update);
    for (const peer of this.peers()) if (peer.id !== senderId) peer.send(message);
  }

  /** Runs `apply` collecting the updates it makes, then sends them merged. */
  batch(apply: () => void): void {
    this.outgoing = [];
    try {
      apply();
    } finally {
      const batch = this.outgoing;
      this.outgoing = null;
      this.flush(batch);
    }
  }

  private flush(batch: Outgoing[]): void {
    if (batch.length === 0) return;
    if (batch.length === 1) return this.send(batch[0]!.update, batch[0]!.senderId);
    const everything = syncUpdateMessage(Y.mergeUpdates(batch.map((entry) => entry.update)));
    const senders = new Set(batch.map((entry) => entry.senderId));
    const mergeForSenders = senders.size <= MAX_PER_SENDER_MERGES;
    for (const peer of this.peers()) {
      if (!senders.has(peer.id) || !mergeForSenders) {
        peer.send(everything);
        continue;
      }
      const others = batch.filter((entry) => entry.senderId !== peer.id).map((entry) => entry.update);
      if (others.length > 0) peer.send(syncUpdateMessage(others.length === 1 ? others[0]! : Y.mergeUpdates(others)));
    }
  }
}

/** A y-websocket sync "update" message. */
function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
