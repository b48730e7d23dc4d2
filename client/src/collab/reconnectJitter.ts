/** Reconnect delays stop growing here. */
export const RECONNECT_CAP_MS = 5_000;

/**
 * The delay before reconnect attempt `attempt` (1 = first retry): exponential from 200 ms up to
 * `capMs`, then a random point in its upper half. Without the random part, every tab that lost the
 * same server (a restart) retries at the same instants and the reconnects arrive as one wave.
 * QuorumProvider applies it to every reconnect.
 */
export function jitteredBackoff(attempt: number, capMs = RECONNECT_CAP_MS, random: () => number = Math.random): number {
  const base = Math.min(2 ** attempt * 100, capMs);
  return Math.round(base * (0.5 + random() * 0.5));
}
