import { encodeStoreStatus } from '../../../shared/src/protocol/storedAck.ts';
import type { Logger } from '../log.ts';
import type { DocStore } from '../store/docStore.ts';
import { storeFailureDetail } from '../store/storeErrors.ts';

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * Appends a room's accepted updates to the store, retrying with backoff for as long as the store
 * fails (the room keeps them in memory meanwhile), and says whether the store is accepting
 * writes: every change of that status is announced to the peers that asked for it.
 */
export class StoreWriter {
  private failing = false;
  private detail = 'stored';

  constructor(
    private readonly store: DocStore,
    private readonly docName: string,
    private readonly log: Logger,
    /** Told the StoreStatus message whenever the status changes. */
    private readonly announce: (statusMessage: Uint8Array) => void,
  ) {}

  get isFailing(): boolean {
    return this.failing;
  }

  /** The message that tells a peer whether the store is currently accepting writes. */
  statusMessage(): Uint8Array {
    return encodeStoreStatus(!this.failing, this.detail);
  }

  /** Resolves once `updates` are committed, or when `stopped()` says the room is gone. */
  async append(updates: Uint8Array[], stopped: () => boolean): Promise<void> {
    if (updates.length === 0) return;
    for (let attempt = 0; !stopped(); attempt++) {
      try {
        await this.store.append(this.docName, updates);
        if (this.failing) this.setStatus(false, 'stored');
        return;
      } catch (error) {
        this.log.error({ doc: this.docName, attempt, err: error }, 'store append failed');
        const detail = storeFailureDetail(error);
        if (!this.failing || detail !== this.detail) this.setStatus(true, detail);
        const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private setStatus(failing: boolean, detail: string): void {
    this.failing = failing;
    this.detail = detail;
    this.announce(this.statusMessage());
  }
}
