/**
 * Where Yjs documents live. Rooms and protocol code see only this interface, so SQLite and
 * PostgreSQL (and test wrappers that inject failures) are interchangeable.
 *
 * The store is an append-only log of updates per document plus at most one snapshot. Appending
 * never rewrites earlier data, so concurrent writers (two processes) cannot lose each other's
 * updates; compaction folds the log into the snapshot in one transaction.
 */
export interface DocStore {
  /** Every stored update of the document, snapshot first; empty for a new document. */
  load(docName: string): Promise<Uint8Array[]>;
  /** Durably appends updates, in order, in one transaction. Resolves only after the commit. */
  append(docName: string, updates: Uint8Array[]): Promise<void>;
  /** Folds the snapshot and all logged updates into a new snapshot. Returns what it folded. */
  compact(docName: string): Promise<CompactionResult>;
  /** Number of logged (not yet compacted) updates. */
  tailLength(docName: string): Promise<number>;
}

export interface CompactionResult {
  foldedUpdates: number;
  snapshotBytes: number;
  /** Another process was compacting this document; nothing was done (PostgreSQL only). */
  skipped?: boolean;
}
