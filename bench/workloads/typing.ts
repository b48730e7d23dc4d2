import { BenchClient, LatencyTracker } from '../lib/client.ts';
import { Author, LANGS, SMALL_SEED } from '../lib/docShape.ts';
import { connectAll, GeneratorMeter, judge, latencySummary, round, sleep, waitFor, type StepVerdict } from '../lib/measure.ts';
import type { RunningServer, ServerStats } from '../lib/peers.ts';

export interface TypingStep {
  authors: number;
  editsPerSecond: number;
  viewers: number;
  /** Typists publish a cursor move twice a second. */
  awareness: boolean;
  durationMs: number;
  /** How many receivers decode every update (latency and deliveries are measured on them). */
  sampleReceivers: number;
}

export interface TypingResult {
  step: TypingStep;
  latencyMs: ReturnType<typeof latencySummary>;
  deliveryRatio: number | null;
  server: ServerStats;
  serverCpuShare: number;
  generator: { cpuShare: number; eldP99Ms: number };
  awarenessMessagesPerViewerPerSecond: number | null;
  /**
   * Server CPU per update: `updatesPerSecond` typed into the room, `deliveriesPerSecond` of them
   * delivered (each update to every other author and every viewer, times the delivery ratio
   * measured on the sampled receivers), and the server's CPU time divided by each.
   */
  cost: { updatesPerSecond: number; deliveriesPerSecond: number; usPerUpdate: number | null; usPerDelivery: number | null };
  verdict: StepVerdict;
}

let docCounter = 0;

/**
 * Authors type one character per edit into their own paragraph of a shared meeting, at a fixed
 * rate with random phase; every author also receives. Viewers (fresh, empty clients) only
 * receive. A sample of receivers decodes every update to time it and count deliveries.
 */
export async function runTypingStep(server: RunningServer, step: TypingStep): Promise<TypingResult> {
  const docName = `meeting.bench-${process.pid}-${++docCounter}`;
  const tracker = new LatencyTracker();
  const peer = server.spec.kind;

  // Receivers sampled among authors first (light load, sweep), then among viewers (plenary).
  const authorSampled = Math.min(step.authors, step.viewers > 0 ? 0 : step.sampleReceivers);
  const viewerSampled = Math.min(step.viewers, step.sampleReceivers - authorSampled);
  const authors = Array.from({ length: step.authors }, (_, i) => new Author(SMALL_SEED, i % 10, LANGS[i % 2]!));
  // Clients alternate between the processes of a multi-process peer.
  const authorClients = authors.map((author, i) => new BenchClient({ peer, url: server.url(docName, i), docName, author, tracker: i < authorSampled ? tracker : undefined }));
  let awarenessReceived = 0;
  // Only the sampled viewers decode what they receive (latency, awareness); the rest only count.
  const viewers = Array.from({ length: step.viewers }, (_, i) => new BenchClient({
    peer, url: server.url(docName, i), docName,
    ...(i < viewerSampled ? { tracker, onAwareness: () => awarenessReceived++ } : {}),
  }));
  const all = [...authorClients, ...viewers];
  const timers: NodeJS.Timeout[] = [];
  try {
    await connectAll(authorClients, 25);
    await sleep(200);
    authors.forEach((author, i) => authorClients[i]!.sendUpdate(author.start()));
    await connectAll(viewers, 50);
    await sleep(500);

    const sampledTotal = authorSampled + viewerSampled;
    const interval = 1000 / step.editsPerSecond;
    // Every edit is made before the clock starts (Yjs work the generator would otherwise do while
    // it measures): warm-up, the measured window and a margin.
    const editsEach = Math.ceil((step.editsPerSecond * (step.durationMs + 4_000)) / 1000);
    const prepared = authors.map((author) => author.prepare(editsEach));
    authors.forEach((author, i) => {
      const client = authorClients[i]!;
      const receivers = sampledTotal - (i < authorSampled ? 1 : 0);
      const edits = prepared[i]!;
      let next = 0;
      const tick = () => {
        const [update, clock] = next < edits.length ? edits[next++]! : author.type();
        tracker.recordSent(author.clientId, clock, performance.now(), receivers);
        client.sendUpdate(update);
      };
      timers.push(setTimeout(() => timers.push(setInterval(tick, interval)), Math.random() * interval));
      if (step.awareness) {
        const user = { name: `Delegate ${i}`, color: '#30bced' };
        const move = () => client.sendAwareness(author.clientId, { user, cursor: { anchor: author.cursor(), head: author.cursor() } });
        timers.push(setTimeout(() => timers.push(setInterval(move, 500)), Math.random() * 500));
      }
    });
    await sleep(1_000); // warm-up, not measured

    const meter = new GeneratorMeter();
    await server.reset();
    meter.start();
    const started = performance.now();
    tracker.openWindow(started);
    awarenessReceived = 0;
    await sleep(step.durationMs);
    tracker.closeWindow(performance.now());
    const generator = meter.stop();
    const awarenessWindowMs = performance.now() - started;
    const awarenessCount = awarenessReceived;
    const stats = await server.stats();
    for (const timer of timers) clearInterval(timer);
    // Late deliveries still count (and their latency shows it); lost ones do not.
    await waitFor(() => tracker.delivered >= tracker.expected, 5_000);

    const latencyMs = latencySummary(tracker.latencies);
    const deliveryRatio = tracker.expected > 0 ? round(tracker.delivered / tracker.expected, 4) : null;
    const serverCpuShare = round(stats.cpuMs / awarenessWindowMs, 3);
    const windowSeconds = awarenessWindowMs / 1000;
    const updates = tracker.measuredEdits;
    const deliveries = updates * (step.authors - 1 + step.viewers) * (deliveryRatio ?? 1);
    const cost = {
      updatesPerSecond: round(updates / windowSeconds, 1),
      deliveriesPerSecond: round(deliveries / windowSeconds, 0),
      usPerUpdate: updates > 0 ? round((stats.cpuMs * 1000) / updates, 1) : null,
      usPerDelivery: deliveries > 0 ? round((stats.cpuMs * 1000) / deliveries, 2) : null,
    };
    return {
      step,
      latencyMs,
      deliveryRatio,
      server: stats,
      serverCpuShare,
      generator,
      awarenessMessagesPerViewerPerSecond: viewerSampled > 0 ? round(awarenessCount / viewerSampled / (awarenessWindowMs / 1000), 2) : null,
      cost,
      verdict: judge(latencyMs, stats, deliveryRatio, generator.cpuShare),
    };
  } finally {
    for (const timer of timers) clearInterval(timer);
    for (const client of all) client.close();
    await sleep(300);
  }
}
