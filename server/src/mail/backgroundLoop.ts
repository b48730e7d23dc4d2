import type { Logger } from '../log.ts';

/**
 * Runs `work` in the background, one run at a time: again when woken (something new is due at a
 * known time), when the time `work` says is next comes, and at the latest every `pollMs` (to take
 * up what other processes left: their retries, or rows of a process that crashed). Timers are
 * unref'd; a failed run is logged and the loop goes on.
 */
export class BackgroundLoop {
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private running: Promise<void> | null = null;
  /** Woken for a time at or before this while a run was under way: run again right after. */
  private rerunAt = Infinity;
  private stopped = false;

  constructor(
    /** Does what is due; resolves with when something is next due (epoch ms), or null if unknown. */
    private readonly work: () => Promise<number | null>,
    private readonly options: { name: string; pollMs: number; log: Logger },
  ) {}

  start(): void {
    this.wake();
  }

  /** Something is due at `atMs` (default now). */
  wake(atMs = Date.now()): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerunAt = Math.min(this.rerunAt, atMs);
      return;
    }
    if (atMs >= this.timerAt) return;
    this.schedule(atMs);
  }

  /** Stops waking; waits (a bounded time) for a run under way. */
  async stop(waitMs = 5_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) await Promise.race([this.running, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private schedule(atMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = atMs;
    this.timer = setTimeout(() => void this.run(), Math.max(0, atMs - Date.now()));
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.timer = null;
    this.timerAt = Infinity;
    if (this.stopped || this.running) return;
    let next: number | null = null;
    this.running = this.work().then(
      (due) => {
        next = due;
      },
      (error: unknown) => this.options.log.error({ err: error, loop: this.options.name }, 'background mail work failed'),
    );
    await this.running;
    this.running = null;
    const poll = Date.now() + this.options.pollMs;
    const rerun = this.rerunAt;
    this.rerunAt = Infinity;
    this.wake(Math.min(poll, rerun, next ?? Infinity));
  }
}
