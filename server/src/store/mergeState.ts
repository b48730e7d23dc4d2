import * as Y from 'yjs';

/**
 * A stored snapshot and the log rows after it, as one state: applied to a fresh doc that collects
 * garbage (deleted content drops to tombstones), then encoded. What compaction writes as the new
 * snapshot, on every engine; it runs on a worker thread (mergeThread.ts, sqliteMaintenance.worker.ts).
 */
export function mergeStoredState(snapshot: Uint8Array | null, tail: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const update of tail) Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
