/**
 * Throttles what a screen reader is told about other people's actions. Announcements are spoken at
 * most once per `minGapMs`; what arrives in between waits, duplicates (same key) collapse into the
 * newest, and when several are waiting they are spoken as one sentence ("A; and 3 more updates").
 * So a busy meeting never floods the live region, and nothing said is older than one gap.
 */
export interface AnnouncementQueueOptions {
  minGapMs: number;
  speak: (text: string) => void;
  /** Combines waiting announcements into one ("first; and n more"). */
  summarise: (first: string, more: number) => string;
  now?: () => number;
  schedule?: (run: () => void, ms: number) => () => void;
}

export class AnnouncementQueue {
  private readonly pending = new Map<string, string>();
  private lastSpoken = -Infinity;
  private cancelTimer: (() => void) | null = null;
  private readonly now: () => number;
  private readonly schedule: (run: () => void, ms: number) => () => void;

  constructor(private readonly options: AnnouncementQueueOptions) {
    this.now = options.now ?? (() => Date.now());
    this.schedule =
      options.schedule ??
      ((run, ms) => {
        const id = setTimeout(run, ms);
        return () => clearTimeout(id);
      });
  }

  /** Queues `text`; a later push with the same `key` replaces it if it has not been spoken yet. */
  push(text: string, key: string = text): void {
    this.pending.delete(key); // re-inserted last: the newest version keeps its place at the end
    this.pending.set(key, text);
    if (this.cancelTimer) return;
    const wait = this.lastSpoken + this.options.minGapMs - this.now();
    if (wait <= 0) this.flush();
    else this.cancelTimer = this.schedule(() => this.flush(), wait);
  }

  /** Drops everything waiting (the page is going away). */
  dispose(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.pending.clear();
  }

  private flush(): void {
    this.cancelTimer = null;
    if (this.pending.size === 0) return;
    const texts = [...this.pending.values()];
    this.pending.clear();
    this.lastSpoken = this.now();
    this.options.speak(texts.length === 1 ? texts[0]! : this.options.summarise(texts[0]!, texts.length - 1));
  }
}
