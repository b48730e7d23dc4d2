import type { CompactionResult } from '../store/docStore.ts';

/**
 * Compaction rewrites the whole snapshot, so it waits until the log holds as many bytes as the
 * snapshot (and at least this much): then every byte edited is written about twice (once to the
 * log, once folded into a snapshot), never the whole document per keystroke.
 */
const MIN_COMPACTION_TAIL_BYTES = 64 * 1024;

/**
 * What the store holds for one document, in bytes: its snapshot and the log appended since. It
 * decides when the log is worth folding.
 */
export class StoredSize {
  private snapshotBytes = 0;
  private tailBytes = 0;
  private appendedSinceCompaction = 0;

  loaded(snapshot: Uint8Array | null, tail: Uint8Array[]): void {
    this.snapshotBytes = snapshot?.byteLength ?? 0;
    this.tailBytes = sumBytes(tail);
    this.appendedSinceCompaction = tail.length;
  }

  appended(updates: Uint8Array[]): void {
    this.appendedSinceCompaction += updates.length;
    this.tailBytes += sumBytes(updates);
  }

  compacted(result: CompactionResult): void {
    this.appendedSinceCompaction = 0;
    this.tailBytes = 0;
    if (!result.skipped) this.snapshotBytes = result.snapshotBytes;
  }

  get totalBytes(): number {
    return this.snapshotBytes + this.tailBytes;
  }

  /** Fold the log in the background: after `afterUpdates` appends, or once it is as large as the snapshot. */
  dueForCompaction(afterUpdates: number): boolean {
    return this.appendedSinceCompaction >= afterUpdates || this.tailBytes >= Math.max(this.snapshotBytes, MIN_COMPACTION_TAIL_BYTES);
  }

  get hasLog(): boolean {
    return this.appendedSinceCompaction > 0;
  }

  /**
   * Whether unloading should fold the log: only once the log is as large as the snapshot, as in
   * the background. Rewriting a large snapshot for a few typed characters is what makes stores
   * write hundreds of times what was edited; a short tail costs little to load and is folded later.
   */
  get worthCompactingOnUnload(): boolean {
    return this.appendedSinceCompaction > 0 && this.tailBytes >= this.snapshotBytes;
  }
}

function sumBytes(updates: Uint8Array[]): number {
  return updates.reduce((sum, update) => sum + update.byteLength, 0);
}
