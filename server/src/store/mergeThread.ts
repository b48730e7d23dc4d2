import type { Logger } from '../log.ts';
import { OnDemandThread } from '../workers/onDemandThread.ts';

export interface MergeRequest {
  snapshot: Uint8Array | null;
  tail: Uint8Array[];
}

/**
 * Compaction's CPU work for PostgreSQL (merging a document's snapshot and log with Yjs) on a worker
 * thread (workers/yjsMerge.worker.ts), so a compaction of a long log does not stall every socket
 * of the process. The reads and writes stay on the event loop's pool, inside the compaction's
 * transaction; only bytes cross to the thread. Started on the first compaction, ended when idle.
 */
export class MergeThread {
  private readonly thread: OnDemandThread<MergeRequest, Uint8Array>;

  constructor(log?: Logger) {
    this.thread = new OnDemandThread('yjsMerge', log);
  }

  /**
   * The merged state. The bytes are copied to the thread (the driver's buffers may share memory
   * with others, so they are not transferred); the result comes back without a copy.
   */
  merge(snapshot: Uint8Array | null, tail: Uint8Array[]): Promise<Uint8Array> {
    return this.thread.request({ snapshot, tail });
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
