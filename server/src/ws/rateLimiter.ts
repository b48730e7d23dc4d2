/** Token bucket: `ratePerSecond` sustained, bursts up to `burst`. */
export class RateLimiter {
  private tokens: number;
  private last = Date.now();

  constructor(private readonly ratePerSecond: number, private readonly burst = ratePerSecond * 2) {
    this.tokens = burst;
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
