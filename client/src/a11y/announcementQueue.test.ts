import { describe, expect, it } from 'vitest';
import { AnnouncementQueue } from './announcementQueue.ts';

/** A manual clock: time moves only when the test says so. */
function harness(minGapMs = 4_000) {
  let now = 0;
  const timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  const spoken: string[] = [];
  const queue = new AnnouncementQueue({
    minGapMs,
    speak: (text) => spoken.push(text),
    summarise: (first, more) => `${first}; and ${more} more`,
    now: () => now,
    schedule: (run, ms) => {
      const timer = { at: now + ms, run, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  });
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
      timer.cancelled = true;
      timer.run();
    }
  };
  return { queue, spoken, advance };
}

describe('announcement queue', () => {
  it('speaks the first announcement at once', () => {
    const { queue, spoken } = harness();
    queue.push('Lin is now in Opening');
    expect(spoken).toEqual(['Lin is now in Opening']);
  });

  it('never speaks twice within the gap, and sums up what waited', () => {
    const { queue, spoken, advance } = harness(4_000);
    queue.push('A commented');
    for (let i = 0; i < 50; i++) queue.push(`comment ${i}`);
    expect(spoken).toEqual(['A commented']);
    advance(3_999);
    expect(spoken).toHaveLength(1);
    advance(1);
    expect(spoken).toEqual(['A commented', 'comment 0; and 49 more']);
    advance(60_000);
    expect(spoken).toHaveLength(2);
  });

  it('collapses repeated news about the same thing into its newest version', () => {
    const { queue, spoken, advance } = harness(4_000);
    queue.push('first');
    queue.push('Lin is now in Opening', 'presence:lin');
    queue.push('Lin is now in Session 1', 'presence:lin');
    advance(4_000);
    expect(spoken).toEqual(['first', 'Lin is now in Session 1']);
  });

  it('speaks at once again after a quiet gap, and drops what waits on dispose', () => {
    const { queue, spoken, advance } = harness(4_000);
    queue.push('one');
    advance(10_000);
    queue.push('two');
    expect(spoken).toEqual(['one', 'two']);
    queue.push('three');
    queue.dispose();
    advance(10_000);
    expect(spoken).toEqual(['one', 'two']);
  });
});
