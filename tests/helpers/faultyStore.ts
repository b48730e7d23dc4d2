import type { CompactionResult, DocStore, StoredDoc } from '../../server/src/store/docStore.ts';

/**
 * The real store with switches for failures and delays, to reproduce what peers got wrong when a
 * store fails or is slow. Every call still reaches the real store unless a fault is switched on.
 */
export class FaultyStore implements DocStore {
  failLoads = 0;
  loadDelayMs = 0;
  failAppends = false;
  appendDelayMs = 0;
  compactDelayMs = 0;
  appends = 0;
  /** Appends refused by `failAppends`: the server's attempts, a barrier for what it has handled. */
  failedAppends = 0;
  /** Compactions begun (an unloading room compacts first): a barrier for "the unload has started". */
  compactsStarted = 0;

  constructor(private readonly inner: DocStore) {}

  async load(docName: string): Promise<StoredDoc> {
    if (this.loadDelayMs) await new Promise((r) => setTimeout(r, this.loadDelayMs));
    if (this.failLoads > 0) {
      this.failLoads--;
      throw new Error('injected read error');
    }
    return this.inner.load(docName);
  }

  async append(docName: string, updates: Uint8Array[]): Promise<void> {
    if (this.appendDelayMs) await new Promise((r) => setTimeout(r, this.appendDelayMs));
    if (this.failAppends) {
      this.failedAppends++;
      throw new Error('injected write error');
    }
    this.appends++;
    return this.inner.append(docName, updates);
  }

  async compact(docName: string): Promise<CompactionResult> {
    this.compactsStarted++;
    if (this.compactDelayMs) await new Promise((r) => setTimeout(r, this.compactDelayMs));
    return this.inner.compact(docName);
  }

  tailLength(docName: string): Promise<number> {
    return this.inner.tailLength(docName);
  }
}
