import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import { workerEntry } from './workerEntry.ts';

/** What a thread started by OnDemandThread answers: the request's id and a result or an error. */
export type ThreadReply<T> = { id: number; ok: true; result: T } | { id: number; ok: false; error: { message: string; code?: string } };

/** How long a thread waits for its next request before it ends: an idle server runs none. */
const IDLE_THREAD_MS = 30_000;

/**
 * One worker thread (`server/src/workers/<name>.worker.ts`) that answers requests one after the
 * other, started on the first request and ended after a while without one: each thread costs
 * 10+ MB of memory, and a server that nobody uses should not pay it. A thread that fails or exits
 * rejects what it was asked and is started again on the next request.
 */
export class OnDemandThread<Request extends object, Result> {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (value: Result) => void; reject: (error: unknown) => void }>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly name: string,
    private readonly log?: Logger,
  ) {}

  /** Sends a request; `transfer` lists buffers handed over to the thread (unusable here afterwards). */
  request(body: Request, transfer: ArrayBuffer[] = []): Promise<Result> {
    if (this.closed) return Promise.reject(new Error(`the ${this.name} thread is closed`));
    const id = this.nextId++;
    const worker = this.thread();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    return new Promise<Result>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...body }, transfer);
    });
  }

  /** Ends the thread; requests still waiting are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop(new Error(`the ${this.name} thread is closing`));
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const { filename, workerData } = workerEntry(this.name);
    const worker = new Worker(new URL(filename), { workerData });
    // The thread never keeps the process alive by itself (a server that is closing, a test that is done).
    worker.unref();
    worker.on('message', (reply: ThreadReply<Result>) => this.settle(reply));
    worker.on('error', (error) => {
      this.log?.error({ err: error, thread: this.name }, 'worker thread failed');
      if (this.worker === worker) void this.stop(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) void this.stop(new Error(`the ${this.name} thread exited`));
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: ThreadReply<Result>): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    if (this.waiting.size === 0 && !this.closed) {
      this.idleTimer = setTimeout(() => void this.stop(null), IDLE_THREAD_MS);
      this.idleTimer.unref();
    }
  }

  private async stop(error: unknown): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    for (const waiter of this.waiting.values()) waiter.reject(error ?? new Error(`the ${this.name} thread stopped`));
    this.waiting.clear();
    await worker?.terminate();
  }
}
