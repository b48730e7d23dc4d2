import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BenchClient } from './client.ts';
import type { ServerStats } from './peers.ts';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[index]!);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function latencySummary(values: number[]): { p50: number | null; p95: number | null; p99: number | null; max: number | null; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: percentile(sorted, 100), n: sorted.length };
}

/** A step fails on p95 > 100 ms, server event-loop delay p99 > 50 ms, or < 95% deliveries. */
export const LIMITS = { p95Ms: 100, eldP99Ms: 50, deliveryRatio: 0.95, generatorCpu: 0.8 };

/**
 * The load generator's own budget: CPU share of its core and its event-loop delay over a window.
 * A window where the generator passes ~80% of its core measured the generator, not the server:
 * the step is marked invalid.
 */
export class GeneratorMeter {
  private cpu = process.cpuUsage();
  private wall = performance.now();
  private readonly eld = monitorEventLoopDelay({ resolution: 5 });

  start(): void {
    this.cpu = process.cpuUsage();
    this.wall = performance.now();
    this.eld.reset();
    this.eld.enable();
  }

  stop(): { cpuShare: number; eldP99Ms: number } {
    const cpu = process.cpuUsage(this.cpu);
    const wallMs = performance.now() - this.wall;
    this.eld.disable();
    // The histogram holds whole 5 ms timer intervals; the delay is the excess.
    return { cpuShare: round((cpu.user + cpu.system) / 1000 / wallMs, 3), eldP99Ms: round(Math.max(0, this.eld.percentile(99) / 1e6 - 5)) };
  }
}

export interface StepVerdict {
  pass: boolean;
  valid: boolean;
  why: string[];
}

export function judge(latency: { p95: number | null }, server: ServerStats, deliveryRatio: number | null, generatorCpu: number): StepVerdict {
  const why: string[] = [];
  if (latency.p95 !== null && latency.p95 > LIMITS.p95Ms) why.push(`p95 ${latency.p95} ms > ${LIMITS.p95Ms}`);
  if (server.eld.p99 > LIMITS.eldP99Ms) why.push(`event-loop p99 ${server.eld.p99} ms > ${LIMITS.eldP99Ms}`);
  if (deliveryRatio !== null && deliveryRatio < LIMITS.deliveryRatio) why.push(`deliveries ${(deliveryRatio * 100).toFixed(1)}% < 95%`);
  const valid = generatorCpu <= LIMITS.generatorCpu;
  if (!valid) why.push(`generator CPU ${(generatorCpu * 100).toFixed(0)}% > 80%: invalid`);
  // An invalid step is neither passed nor failed: it measured the generator (the sweep stops there).
  return { pass: why.length === 0 || (why.length === 1 && !valid), valid, why };
}

/** Opens clients `batch` at a time (a thousand at once would be a join storm, not a plenary). */
export async function connectAll(clients: BenchClient[], batch = 50): Promise<void> {
  for (let i = 0; i < clients.length; i += batch) {
    const slice = clients.slice(i, i + batch);
    await Promise.all(slice.map((client) => client.connect()));
    await Promise.race([Promise.all(slice.map((client) => client.synced)), sleep(15_000)]);
  }
}

/** Waits until `done()` or the timeout; returns whether it became true. */
export async function waitFor(done: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (done()) return true;
    await sleep(stepMs);
  }
  return done();
}
