/** The updates one room hands to the store in one call, for one document, in order. */
export interface AppendBatch {
  docName: string;
  updates: Uint8Array[];
}

/**
 * Commits the batches of one or several documents in one transaction, in the given order: all of
 * them or none. Resolves only after the commit.
 */
export type CommitBatches = (batches: AppendBatch[]) => Promise<void> | void;

interface Waiting {
  batch: AppendBatch;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: every append asked for within one turn of the event loop (the rooms drain their
 * queues in the same `setImmediate` phase, so the updates of every room read from the sockets
 * together) goes to the store as one transaction, so one commit (one WAL append, one fsync with
 * `synchronous=FULL`, one PostgreSQL round trip) serves them all.
 *
 * Each caller's promise settles with the group's commit: resolved only once the transaction has
 * committed (the room then applies, broadcasts and acknowledges), rejected with the group's error
 * when it failed, for every append of the group alike: the transaction rolled back, so none of
 * them is stored, and each room treats it as the failure of its own append (it keeps its updates,
 * tells its peers "not saved" and retries: room.ts, storeWriter.ts).
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly commit: CommitBatches) {}

  append(docName: string, updates: Uint8Array[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ batch: { docName, updates }, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const group = this.waiting;
    this.waiting = [];
    try {
      await this.commit(group.map((entry) => entry.batch));
    } catch (error) {
      for (const entry of group) entry.reject(error);
      return;
    }
    for (const entry of group) entry.resolve();
  }
}
