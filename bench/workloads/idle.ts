import { round, sleep } from '../lib/measure.ts';
import { startServer, type PeerSpec } from '../lib/peers.ts';

export interface IdleResult {
  /** From spawning the process (node, taskset) to its "listening" line. */
  startToReadyMs: number;
  /** After `settleMs` with no client, without forcing a GC: what an operator's `ps` shows. */
  rss: number;
  heapUsed: number;
  /** The same after two forced GCs. */
  rssAfterGc: number;
  heapUsedAfterGc: number;
  settleMs: number;
}

/**
 * Workload 0: a server that nobody uses yet. Starts the peer, waits `settleMs` (start-up timers,
 * lazy initialisation), reads its memory, stops it. Every peer is measured the same way; Quorum
 * also as `npm start` runs it (QUORUM_PRODUCTION: the compiled dist/server/index.js).
 */
export async function runIdle(spec: PeerSpec, settleMs: number): Promise<IdleResult> {
  const spawned = performance.now();
  const server = await startServer(spec);
  const startToReadyMs = round(performance.now() - spawned, 0);
  try {
    await sleep(settleMs);
    const idle = await server.stats(false);
    const collected = await server.stats(true);
    return { startToReadyMs, rss: idle.rss, heapUsed: idle.heapUsed, rssAfterGc: collected.rss, heapUsedAfterGc: collected.heapUsed, settleMs };
  } finally {
    await server.stop();
  }
}
