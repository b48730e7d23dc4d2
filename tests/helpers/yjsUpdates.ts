import * as Y from 'yjs';

/** Runs `change` on a replica of `base` and returns the update it produces (what a client would send). */
export function updateFrom(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(replica);
  change(replica);
  return Y.encodeStateAsUpdate(replica, before);
}
