import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { QuorumProvider } from './quorumProvider.ts';
import { jitteredBackoff } from './reconnectJitter.ts';

/** A socket whose server is down: every attempt is recorded and closes at once. */
function failingSocketClass(attempts: number[]) {
  return class FailingSocket {
    onclose: ((event: { code: number; reason: string }) => void) | null = null;
    onopen = null;
    onmessage = null;
    onerror = null;
    readyState = 0;
    constructor() {
      attempts.push(Date.now());
      setTimeout(() => this.onclose?.({ code: 1006, reason: '' }), 0);
    }
    close() {}
    send() {}
  };
}

/** A seeded generator, so two "tabs" get different but repeatable jitter. */
const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

function attemptsOf(random: (() => number) | null, durationMs: number): number[] {
  const attempts: number[] = [];
  const doc = new Y.Doc();
  const WebSocketPolyfill = failingSocketClass(attempts) as unknown as typeof WebSocket;
  // The stock provider for comparison: its reconnects are not jittered.
  const provider = random
    ? new QuorumProvider('ws://127.0.0.1:1/collab', 'meeting.t', doc, { maxBackoffMs: 5_000, random, WebSocketPolyfill })
    : new WebsocketProvider('ws://127.0.0.1:1/collab', 'meeting.t', doc, { disableBc: true, maxBackoffTime: 5_000, WebSocketPolyfill });
  vi.advanceTimersByTime(durationMs);
  provider.destroy();
  doc.destroy();
  return attempts;
}

afterEach(() => vi.useRealTimers());

describe('jittered reconnect backoff', () => {
  it('each delay lies in the upper half of the exponential step, capped', () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const base = Math.min(2 ** attempt * 100, 5_000);
      expect(jitteredBackoff(attempt, 5_000, () => 0)).toBe(base / 2);
      expect(jitteredBackoff(attempt, 5_000, () => 0.999_999)).toBe(base);
    }
  });

  it('a real QuorumProvider follows the schedule: gaps grow, stay within their step, and differ between tabs', () => {
    vi.useFakeTimers();
    const a = attemptsOf(seeded(1), 40_000);
    const b = attemptsOf(seeded(2), 40_000);
    const plain = attemptsOf(null, 40_000);
    for (const attempts of [a, b]) {
      const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
      expect(gaps.length).toBeGreaterThan(8);
      gaps.forEach((gap, i) => {
        const base = Math.min(2 ** (i + 1) * 100, 5_000);
        // +1 ms: the failing socket closes on the next timer tick.
        expect(gap).toBeGreaterThanOrEqual(base / 2);
        expect(gap).toBeLessThanOrEqual(base + 1);
      });
    }
    // Two tabs that lost the server together no longer retry in lockstep, as stock y-websocket does.
    expect(a.slice(1, 8)).not.toEqual(b.slice(1, 8));
    const plainGaps = plain.slice(1).map((t, i) => t - plain[i]!);
    [200, 400, 800, 1600, 3200].forEach((step, i) => expect(plainGaps[i]! - step).toBeLessThanOrEqual(1));
  });
});
