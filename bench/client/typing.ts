import type { CDPSession, Page } from 'playwright-core';
import { latencySummary, percentile, round, sleep } from '../lib/measure.ts';
import { inPage } from './inPage.ts';
import type { BenchProbe } from './page/probeTypes.ts';
import type { Plan } from './plan.ts';

export interface TypingResult {
  keysSent: number;
  /** keydown events the page handled before the drain deadline. */
  keysSeen: number;
  keyPaintMs: ReturnType<typeof latencySummary>;
  /** Long tasks (PerformanceObserver 'longtask') that started while typing. */
  longTasks: { count: number; over100ms: number; totalMs: number; maxMs: number };
  /**
   * Event Timing of key events while typing. The API only reports events of 16 ms or more, so the
   * keydown p95 is "<16" when fewer than 5% of the keydowns were reported.
   */
  eventTiming: { keydownP95Ms: number | '<16'; maxMs: number | null; slowKeyEvents: number; over100ms: number };
  windowMs: number;
}

type Recorded = Pick<BenchProbe, 'keyPaintMs' | 'keydowns' | 'windowStart' | 'windowEnd' | 'longTasks' | 'keyEvents'>;

/** A printable key as Chromium's DevTools protocol wants it (what a keyboard would send). */
function keyEvents(char: string) {
  const code = char === ' ' ? 'Space' : `Key${char.toUpperCase()}`;
  const windowsVirtualKeyCode = char === ' ' ? 32 : char.toUpperCase().charCodeAt(0);
  return [
    { type: 'keyDown' as const, key: char, code, text: char, unmodifiedText: char, windowsVirtualKeyCode },
    { type: 'keyUp' as const, key: char, code, windowsVirtualKeyCode },
  ];
}

/**
 * Types `plan.keys` keys at `plan.keysPerSecond`, open loop: each key is sent when it is due even
 * if the page has not handled the previous ones (a person does not wait for the screen), through
 * the DevTools protocol so that nothing waits for an acknowledgement in between. Then waits up to
 * `plan.drainMs` for the page to handle and paint them.
 */
export async function typeOpenLoop(page: Page, cdp: CDPSession, plan: Plan): Promise<TypingResult> {
  await inPage(page, 'window.__bench.startRecording()');
  const sends: Array<Promise<unknown>> = [];
  const started = performance.now();
  for (let k = 0; k < plan.keys; k++) {
    const wait = started + (k * 1000) / plan.keysPerSecond - performance.now();
    if (wait > 0) await sleep(wait);
    for (const event of keyEvents(k % 10 === 9 ? ' ' : 'abcdefghijklmnopqrstuvwxyz'[k % 26]!)) sends.push(cdp.send('Input.dispatchKeyEvent', event));
  }
  const deadline = performance.now() + plan.drainMs;
  await Promise.race([Promise.allSettled(sends), sleep(plan.drainMs)]);
  while (performance.now() < deadline) {
    const painted = await inPage<boolean>(page, `window.__bench.keyPaintMs.length >= window.__bench.keydowns && window.__bench.keydowns >= ${plan.keys}`);
    if (painted) break;
    await sleep(100);
  }
  await inPage(page, 'window.__bench.stopRecording()');
  const r = await inPage<Recorded>(page, '(({ keyPaintMs, keydowns, windowStart, windowEnd, longTasks, keyEvents }) => ({ keyPaintMs, keydowns, windowStart, windowEnd, longTasks, keyEvents }))(window.__bench)');
  const inWindow = (start: number) => start >= r.windowStart && start < r.windowEnd;
  const tasks = r.longTasks.filter((t) => inWindow(t.start));
  const events = r.keyEvents.filter((e) => inWindow(e.start));
  const keydownDurations = events.filter((e) => e.name === 'keydown').map((e) => e.duration);
  // Unreported keydowns took less than 16 ms: they sort first.
  const all = [...Array<number>(Math.max(0, r.keydowns - keydownDurations.length)).fill(0), ...keydownDurations].sort((a, b) => a - b);
  const p95 = percentile(all, 95);
  return {
    keysSent: plan.keys,
    keysSeen: r.keydowns,
    keyPaintMs: latencySummary(r.keyPaintMs.map((ms) => round(ms, 1))),
    longTasks: {
      count: tasks.length,
      over100ms: tasks.filter((t) => t.duration > 100).length,
      totalMs: round(tasks.reduce((sum, t) => sum + t.duration, 0), 0),
      maxMs: round(Math.max(0, ...tasks.map((t) => t.duration)), 0),
    },
    eventTiming: {
      keydownP95Ms: p95 === null || p95 < 16 ? '<16' : p95,
      maxMs: events.length ? Math.max(...events.map((e) => e.duration)) : null,
      slowKeyEvents: events.length,
      over100ms: events.filter((e) => e.duration > 100).length,
    },
    windowMs: round(r.windowEnd - r.windowStart, 0),
  };
}
