import type { Piscina } from 'piscina';
import type { Config } from '../config.ts';
import { HttpError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { RejectionReason } from '../metrics/metrics.ts';
import type { TaskResult, WorkerTask } from './tasks.ts';
import { workerEntry } from './workerEntry.ts';

/** A task ended by its thread's limits; the caller says what that means for its request. */
export class WorkerLimitError extends Error {
  constructor(readonly reason: 'memory' | 'timeout', message: string) {
    super(message);
  }
}

/** Threads go away after this long without work, so an idle server holds no parser or font in memory. */
const IDLE_THREAD_MS = 30_000;
const RETRY_AFTER_SECONDS = 5;

/**
 * The worker threads that do the heavy work (import parsing, PDF/DOCX/HTML rendering) off the
 * event loop that serves the sockets. At most `threads` tasks run at once and `queue` wait; a task
 * beyond that is refused at once (503, Retry-After) rather than piling up. Each thread has a heap
 * cap, and a task is ended (its thread terminated) when it runs longer than the timeout; a thread
 * that dies is replaced, the server lives on.
 *
 * The waiting line is kept here rather than in Piscina's queue so that the timeout counts only
 * the task's own run, not the time it waited behind others.
 */
export class WorkerPool {
  private pool: Piscina | null = null;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limits: Config['workers'],
    private readonly log: Logger,
    /** Logs and counts a task refused or stopped by a limit (like every other limit). */
    private readonly reportLimit: (reason: RejectionReason, fields: Record<string, unknown>) => void = () => {},
  ) {}

  /** Tasks running and waiting (for metrics and tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T extends WorkerTask>(task: T): Promise<TaskResult<T>> {
    await this.acquire(task);
    try {
      return (await (await this.threads()).run(task, { signal: AbortSignal.timeout(this.limits.timeoutMs) })) as TaskResult<T>;
    } catch (error) {
      throw this.explain(error, task);
    } finally {
      this.release();
    }
  }

  /** Ends every thread (running tasks fail); the pool starts new ones if used again. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }

  private acquire(task: WorkerTask): Promise<void> {
    if (this.running < this.limits.threads) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.limits.queue) {
      this.reportLimit('worker-busy', { task: task.kind, ...this.load });
      throw new HttpError(503, 'busy', `the server is busy with other imports and exports; try again in ${RETRY_AFTER_SECONDS} seconds`, undefined, {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    }
    // The finishing task hands its place over (`running` stays the same).
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }

  /** Started on first use: an idle server runs no worker thread at all, nor loads Piscina. */
  private async threads(): Promise<Piscina> {
    if (!this.pool) {
      const { Piscina } = await import('piscina');
      // Another task may have started the pool while this one waited for the import.
      if (this.pool) return this.pool;
      const { filename, workerData } = workerEntry('tasks');
      this.pool = new Piscina({
        filename,
        workerData,
        minThreads: 0,
        maxThreads: this.limits.threads,
        idleTimeout: IDLE_THREAD_MS,
        resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb },
      });
      // A thread that fails to start is reported here; unhandled, the 'error' event would end the process.
      this.pool.on('error', (error: unknown) => this.log.error({ err: error }, 'worker thread failed'));
    }
    return this.pool;
  }

  private explain(error: unknown, task: WorkerTask): unknown {
    const e = error as { code?: string; name?: string } | null;
    if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      this.reportLimit('worker-memory', { task: task.kind });
      return new WorkerLimitError('memory', `it needed more than the ${this.limits.heapMb} MiB of memory a worker may use (WORKER_HEAP_MB)`);
    }
    if (e?.name === 'AbortError') {
      this.reportLimit('worker-timeout', { task: task.kind });
      return new WorkerLimitError('timeout', `it took longer than the ${this.limits.timeoutMs / 1000} s a worker may run (WORKER_TIMEOUT_SECONDS)`);
    }
    return error;
  }
}
