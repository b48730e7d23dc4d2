/**
 * Where Yjs documents live. Rooms and protocol code see only this interface, so SQLite and
 * PostgreSQL (and test wrappers that inject failures) are interchangeable.
 *
 * The store is an append-only log of updates per document plus at most one snapshot. Appending
 * never rewrites earlier data, so concurrent writers (two processes) cannot lose each other's
 * updates; compaction folds the log into the snapshot in one transaction.
 */
export interface DocStore {
  /** The document's snapshot and the updates logged after it (both empty for a new document). */
  load(docName: string): Promise<StoredDoc>;
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

/** A document as the store holds it: the last compaction's snapshot, then the log since. */
export interface StoredDoc {
  /** Everything folded by the last compaction; null before the first one. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, in commit order. */
  tail: Uint8Array[];
}

/** The stored updates in the order they are applied: the snapshot first, then the tail. */
export function storedUpdates(stored: StoredDoc): Uint8Array[] {
  return stored.snapshot ? [stored.snapshot, ...stored.tail] : stored.tail;
}
