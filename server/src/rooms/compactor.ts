import type { Logger } from '../log.ts';
import type { CompactionResult, DocStore } from '../store/docStore.ts';

/**
 * Compaction rewrites the whole snapshot, so it waits until the log holds as many bytes as the
 * snapshot (and at least this much): then every byte edited is written about twice (once to the
 * log, once folded into a snapshot), never the whole document per keystroke.
 */
const MIN_COMPACTION_TAIL_BYTES = 64 * 1024;

/**
 * Folds one document's stored log into its snapshot. It counts what the store holds (the snapshot
 * and the log appended since) to decide when folding is worth it: in the background after
 * `afterUpdates` appends or once the log is as large as the snapshot, and on unload.
 */
export class Compactor {
  private snapshotBytes = 0;
  private tailBytes = 0;
  private appendedSinceCompaction = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: DocStore,
    private readonly docName: string,
    private readonly log: Logger,
    private readonly afterUpdates: number,
  ) {}

  loaded(snapshot: Uint8Array | null, tail: Uint8Array[]): void {
    this.snapshotBytes = snapshot?.byteLength ?? 0;
    this.tailBytes = sumBytes(tail);
    this.appendedSinceCompaction = tail.length;
  }

  /** After an append: folds the log in the background once that is due. */
  appended(updates: Uint8Array[]): void {
    this.appendedSinceCompaction += updates.length;
    this.tailBytes += sumBytes(updates);
    const due = this.appendedSinceCompaction >= this.afterUpdates || this.tailBytes >= Math.max(this.snapshotBytes, MIN_COMPACTION_TAIL_BYTES);
    if (due && !this.running) {
      this.running = this.compactNow().finally(() => {
        this.running = null;
      });
    }
  }

  /** The background fold in progress, if any. */
  get inProgress(): Promise<void> | null {
    return this.running;
  }

  /** Folds the stored log into a snapshot. Failures are logged and retried on a later trigger. */
  async compactNow(): Promise<void> {
    try {
      const result = await this.store.compact(this.docName);
      this.compacted(result);
      this.log.debug({ doc: this.docName, ...result }, 'compacted');
    } catch (error) {
      this.log.error({ doc: this.docName, err: error }, 'compaction failed');
    }
  }

  private compacted(result: CompactionResult): void {
    this.appendedSinceCompaction = 0;
    this.tailBytes = 0;
    if (!result.skipped) this.snapshotBytes = result.snapshotBytes;
  }

  get totalBytes(): number {
    return this.snapshotBytes + this.tailBytes;
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
