import type { WebsocketProvider } from 'y-websocket';

/** Reconnect delays stop growing here. */
export const RECONNECT_CAP_MS = 5_000;

/**
 * The delay before reconnect attempt `attempt` (1 = first retry): exponential from 200 ms up to
 * `capMs`, then a random point in its upper half. Without the random part, every tab that lost the
 * same server (a restart) retries at the same instants and the reconnects arrive as one wave.
 */
export function jitteredBackoff(attempt: number, capMs = RECONNECT_CAP_MS, random: () => number = Math.random): number {
  const base = Math.min(2 ** attempt * 100, capMs);
  return Math.round(base * (0.5 + random() * 0.5));
}

/**
 * Adds jitter to y-websocket's reconnect backoff. The provider waits
 * `min(2^n * 100, provider.maxBackoffTime)` after a close and reads `maxBackoffTime` at that
 * moment, just after emitting `connection-close`; setting it there to this attempt's jittered
 * delay (never above the exponential value) makes that the wait. Returns the detach function.
 */
export function jitterReconnects(provider: WebsocketProvider, capMs = RECONNECT_CAP_MS, random: () => number = Math.random): () => void {
  const onClose = () => {
    // `wsUnsuccessfulReconnects` is incremented right after this event, before the delay is computed.
    provider.maxBackoffTime = jitteredBackoff(provider.wsUnsuccessfulReconnects + 1, capMs, random);
  };
  provider.on('connection-close', onClose);
  return () => provider.off('connection-close', onClose);
}
