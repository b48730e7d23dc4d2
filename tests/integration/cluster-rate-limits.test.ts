import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api.ts';
import { REDIS_URL, servicesAvailable, startRedisProxy, uniqueRedisPrefix, type CuttableProxy } from '../helpers/services.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

/**
 * Log-in, sign-up and invite attempt limits are shared by every process through Redis (issue 13:
 * "N processes: N times the limit"), and keep working in memory while Redis is away.
 */
const available = await servicesAvailable('redis');
const processes: ServerProcess[] = [];
let proxy: CuttableProxy | null = null;
afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.kill('SIGKILL')));
  await stopAllTestServers();
  await proxy?.close();
  proxy = null;
});

const LIMIT = 4;
const attempt = (url: string) => new ApiClient(url).post('/api/auth/login', { email: 'nobody@example.org', password: 'not the password' }).then((r) => r.status);

/** Alternates failed log-ins between the servers, one at a time, and returns the statuses in order. */
async function alternate(urls: string[], count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push(await attempt(urls[i % urls.length]!));
  return statuses;
}

describe.skipIf(!available)('attempt limits across processes', () => {
  it('two server processes sharing a Redis allow the limit once between them, not once each', async () => {
    const env = { REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix(), LOGIN_ATTEMPTS_PER_MINUTE: String(LIMIT) };
    const a = await startServerProcess(env);
    processes.push(a);
    const b = await startServerProcess(env);
    processes.push(b);
    const statuses = await alternate([a.url, b.url], 2 * LIMIT);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual(Array(LIMIT).fill(429));
    // The refusal says when to come back.
    const refused = await new ApiClient(b.url).post('/api/auth/login', { email: 'nobody@example.org', password: 'not the password' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 90_000);

  it('without Redis each process counts alone (the control for the test above)', async () => {
    const env = { LOGIN_ATTEMPTS_PER_MINUTE: String(LIMIT) };
    const [a, b] = [await startTestServer({ serveClient: false, access: 'enforced', env }), await startTestServer({ serveClient: false, access: 'enforced', env })];
    expect(await alternate([a.url, b.url], 2 * LIMIT)).toEqual(Array(2 * LIMIT).fill(401));
  });

  it('while Redis is unreachable, a process still limits attempts (in memory) and never fails them', async () => {
    proxy = await startRedisProxy();
    const server = await startTestServer({ serveClient: false, access: 'enforced', env: { REDIS_URL: proxy.url, REDIS_PREFIX: uniqueRedisPrefix(), LOGIN_ATTEMPTS_PER_MINUTE: String(LIMIT) } });
    expect(await attempt(server.url)).toBe(401);
    proxy.cut();
    const statuses = await alternate([server.url], LIMIT + 2);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });
});
