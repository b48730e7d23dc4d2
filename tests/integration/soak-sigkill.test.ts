import { describe, expect, it } from 'vitest';
import { runSoak } from '../helpers/soak.ts';

describe('SIGKILL soak, short version (npm run soak runs 100 rounds)', () => {
  it('5 rounds (every other one killed during the SIGTERM shutdown): after each kill the store checks out and every acked or seen paragraph is there exactly once', async () => {
    const report = await runSoak({ rounds: Number(process.env.SOAK_ROUNDS ?? 5), killDuringShutdown: true });
    expect(report.rounds).toBeGreaterThanOrEqual(5);
    expect(report.promised).toBeGreaterThan(0);
    expect(report.survived).toBe(report.promised);
  }, 180_000);
});
