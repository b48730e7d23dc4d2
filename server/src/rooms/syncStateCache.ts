import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MessageType } from '../../../shared/src/protocol/messageType.ts';

/**
 * The sync messages every joining client needs, encoded once per document version and shared:
 * our sync step 1 (the state vector) and the whole document as sync step 2 for a client that has
 * nothing yet. In a join storm (150 people opening a 100-page meeting at once) the document is
 * encoded once instead of 150 times. Any change to the doc drops the cached bytes.
 */
class SyncStateCache {
  step1: Uint8Array | null = null;
  fullStep2: Uint8Array | null = null;

  constructor(doc: Y.Doc) {
    doc.on('update', () => {
      this.step1 = null;
      this.fullStep2 = null;
    });
  }
}

const caches = new WeakMap<Y.Doc, SyncStateCache>();

function cacheOf(doc: Y.Doc): SyncStateCache {
  let cache = caches.get(doc);
  if (!cache) caches.set(doc, (cache = new SyncStateCache(doc)));
  return cache;
}

/** The server's sync step 1 message for `doc`. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const cache = cacheOf(doc);
  if (!cache.step1) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, doc);
    cache.step1 = encoding.toUint8Array(encoder);
  }
  return cache.step1;
}

/** The answer to a client's sync step 1: shared bytes when the client has nothing yet. */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  // An empty state vector is the single byte 0 (no clients).
  const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
  const cache = cacheOf(doc);
  if (empty && cache.fullStep2) return cache.fullStep2;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  const message = encoding.toUint8Array(encoder);
  if (empty) cache.fullStep2 = message;
  return message;
}
