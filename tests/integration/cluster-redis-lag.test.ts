import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { REDIS_URL, servicesAvailable, uniqueRedisPrefix } from '../helpers/services.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

// /metrics reports how long pub/sub takes through Redis (a heartbeat each process sends itself).
const available = await servicesAvailable('redis');
afterAll(stopAllTestServers);

describe.skipIf(!available)('Redis lag metric', () => {
  it('is measured and exported as quorum_redis_lag_seconds', async () => {
    const server = await startTestServer({ serveClient: false, env: { REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix() } });
    await eventually(async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const value = Number(/^quorum_redis_lag_seconds (\S+)$/m.exec(text)?.[1]);
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(5);
    }, 15_000);
  });
});
