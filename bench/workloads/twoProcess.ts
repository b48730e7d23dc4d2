import { BenchClient, LatencyTracker } from '../lib/client.ts';
import { Author, SMALL_SEED } from '../lib/docShape.ts';
import { connectAll, latencySummary, round, sleep, waitFor } from '../lib/measure.ts';
import type { RunningServer } from '../lib/peers.ts';

export interface TwoProcessResult {
  sameProcessMs: ReturnType<typeof latencySummary>;
  crossProcessMs: ReturnType<typeof latencySummary>;
  /** Cross-process p50 minus same-process p50 (target: within 1 ms). */
  p50DifferenceMs: number | null;
  deliveryRatio: number | null;
}

/**
 * Workload 8: two authors on process 0 type at 5 edits/s; five receivers listen on process 0 and
 * five on process 1 (through PostgreSQL + Redis), measured side by side in the same run.
 */
export async function runTwoProcess(server: RunningServer, durationMs: number): Promise<TwoProcessResult | { skipped: string }> {
  if (server.processes.length < 2) return { skipped: 'single-process peer' };
  const docName = `meeting.cross-${process.pid}-${Date.now() % 100000}`;
  const peer = server.spec.kind;
  const same = new LatencyTracker();
  const cross = new LatencyTracker();
  const authors = [new Author(SMALL_SEED, 0, 'en'), new Author(SMALL_SEED, 1, 'zh')];
  const writers = authors.map((author) => new BenchClient({ peer, url: server.url(docName, 0), docName, author }));
  const receivers = Array.from({ length: 10 }, (_, i) => new BenchClient({ peer, url: server.url(docName, i), docName, tracker: i % 2 === 0 ? same : cross }));
  const timers: NodeJS.Timeout[] = [];
  try {
    await connectAll(writers);
    await connectAll(receivers);
    authors.forEach((author, i) => writers[i]!.sendUpdate(author.start()));
    await sleep(1_000);
    const tick = (i: number) => () => {
      const [update, clock] = authors[i]!.type();
      const now = performance.now();
      same.recordSent(authors[i]!.clientId, clock, now, 5);
      cross.recordSent(authors[i]!.clientId, clock, now, 5);
      writers[i]!.sendUpdate(update);
    };
    authors.forEach((_, i) => timers.push(setInterval(tick(i), 200)));
    await sleep(1_000);
    const start = performance.now();
    same.openWindow(start);
    cross.openWindow(start);
    await sleep(durationMs);
    same.closeWindow(performance.now());
    cross.closeWindow(performance.now());
    for (const timer of timers) clearInterval(timer);
    await waitFor(() => same.delivered >= same.expected && cross.delivered >= cross.expected, 5_000);
    const sameProcessMs = latencySummary(same.latencies);
    const crossProcessMs = latencySummary(cross.latencies);
    const expected = same.expected + cross.expected;
    return {
      sameProcessMs,
      crossProcessMs,
      p50DifferenceMs: sameProcessMs.p50 !== null && crossProcessMs.p50 !== null ? round(crossProcessMs.p50 - sameProcessMs.p50) : null,
      deliveryRatio: expected > 0 ? round((same.delivered + cross.delivered) / expected, 4) : null,
    };
  } finally {
    for (const timer of timers) clearInterval(timer);
    for (const client of [...writers, ...receivers]) client.close();
    await sleep(300);
  }
}
