import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import { workerEntry } from '../workers/workerEntry.ts';
import type { CompactionResult } from './docStore.ts';

export type MaintenanceRequest = { id: number; file: string } & ({ kind: 'checkpoint' } | { kind: 'compact'; docName: string });
export type MaintenanceReply =
  | { id: number; ok: true; result: CheckpointResult | CompactionResult }
  | { id: number; ok: false; error: { message: string; code?: string } };

export interface CheckpointResult {
  /** 1 when the checkpoint could not copy everything (a reader held an older state). */
  busy: number;
  walFrames: number;
  checkpointedFrames: number;
}

/** How long after a commit the WAL is checkpointed: it then holds about this much of writing. */
const CHECKPOINT_DELAY_MS = 1_000;
/** The thread (and its connection) ends after this long without a request: an idle server runs none. */
const IDLE_THREAD_MS = 30_000;

/**
 * Runs SQLite's WAL checkpoints and compactions on a worker thread with its own connection
 * (workers/sqliteMaintenance.worker.ts), off the event loop that serves the sockets.
 *
 * The event loop's connection has `wal_autocheckpoint = 0`: by default the commit that takes the
 * WAL past 1,000 pages also copies them into the database file and syncs it, a stall of a whole
 * checkpoint for the one client whose keystroke happened to cross the line (the write path's p99).
 * Instead, a second after a commit, the thread runs a PASSIVE checkpoint (which neither waits for
 * nor blocks the writer). A failed checkpoint is only logged: the WAL grows until the next one.
 */
export class SqliteMaintenance {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (value: never) => void; reject: (error: unknown) => void }>();
  private nextId = 1;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly log?: Logger,
  ) {}

  /** After a commit on the event loop's connection: a checkpoint follows within a second. */
  committed(): void {
    if (this.checkpointTimer || this.closed) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      this.checkpoint().catch((error: unknown) => this.log?.warn({ err: error }, 'WAL checkpoint failed'));
    }, CHECKPOINT_DELAY_MS);
    this.checkpointTimer.unref();
  }

  checkpoint(): Promise<CheckpointResult> {
    return this.request({ kind: 'checkpoint' });
  }

  /** Folds a document's log into its snapshot on the thread (see the worker for how). */
  compact(docName: string): Promise<CompactionResult> {
    return this.request({ kind: 'compact', docName });
  }

  /** Ends the thread; requests still waiting are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    await this.stopThread(new Error('the store is closing'));
  }

  private request<T>(body: { kind: 'checkpoint' } | { kind: 'compact'; docName: string }): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    const id = this.nextId++;
    const worker = this.thread();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      worker.postMessage({ id, file: this.file, ...body } satisfies MaintenanceRequest);
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const { filename, workerData } = workerEntry('sqliteMaintenance');
    const worker = new Worker(new URL(filename), { workerData });
    // The thread never keeps the process alive by itself (a server that is closing, a test that is done).
    worker.unref();
    worker.on('message', (reply: MaintenanceReply) => this.settle(reply));
    worker.on('error', (error) => {
      this.log?.error({ err: error }, 'SQLite maintenance thread failed');
      if (this.worker === worker) void this.stopThread(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) void this.stopThread(new Error('the SQLite maintenance thread exited'));
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: MaintenanceReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result as never);
    else waiter.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    if (this.waiting.size === 0 && !this.closed) {
      this.idleTimer = setTimeout(() => void this.stopThread(null), IDLE_THREAD_MS);
      this.idleTimer.unref();
    }
  }

  private async stopThread(error: unknown): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    for (const waiter of this.waiting.values()) waiter.reject(error ?? new Error('the SQLite maintenance thread stopped'));
    this.waiting.clear();
    await worker?.terminate();
  }
}
