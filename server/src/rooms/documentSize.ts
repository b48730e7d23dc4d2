import * as Y from 'yjs';

/**
 * Measuring encodes the whole document, on the event loop: it may take this share of the time
 * (and bursts of this many ms), however hard a writer pushes at the limit.
 */
const MEASURE_SHARE = 0.05;
const MEASURE_BURST_MS = 100;

/**
 * How large a document's state is (what a client downloads when it opens it), for
 * MAX_DOCUMENT_BYTES, without encoding the document on every write.
 *
 * It keeps an upper bound: the bytes stored at load, plus every update applied since (an update
 * never grows the encoded state by more than its own size). Only when a write would cross the
 * limit is the state measured exactly (within a time budget), which also counts what deletions
 * gave back (the room's doc collects deleted content).
 */
export class DocumentSize {
  private bound = 0;
  private exact = false;
  private budgetMs = MEASURE_BURST_MS;
  private budgetAt = performance.now();

  constructor(private readonly doc: Y.Doc) {}

  /** After loading: the stored bytes bound the state from above. */
  loaded(storedBytes: number): void {
    this.bound = storedBytes;
    this.exact = false;
  }

  grew(bytes: number): void {
    this.bound += bytes;
    this.exact = false;
  }

  /** Whether `bytes` more would take the document past `limit` (measuring it if that may tell). */
  wouldExceed(bytes: number, limit: number): boolean {
    if (this.bound + bytes <= limit) return false;
    if (!this.exact && this.mayMeasure()) {
      const started = performance.now();
      this.bound = Y.encodeStateAsUpdate(this.doc).byteLength;
      this.exact = true;
      this.budgetMs -= performance.now() - started;
    }
    return this.bound + bytes > limit;
  }

  private mayMeasure(): boolean {
    const now = performance.now();
    this.budgetMs = Math.min(MEASURE_BURST_MS, this.budgetMs + (now - this.budgetAt) * MEASURE_SHARE);
    this.budgetAt = now;
    return this.budgetMs > 0;
  }

  /** The current upper bound, in bytes (for messages). */
  get atMost(): number {
    return this.bound;
  }
}
