import { afterAll } from 'vitest';
import { destroyAllClients } from './clients.ts';
import { createTestSchema, REDIS_URL, uniqueRedisPrefix, type TestSchema } from './services.ts';
import { startTestServer, stopAllTestServers, type TestServer } from './testServer.ts';

/**
 * For tests of what one process does to another within a single test process: registers the
 * file's teardown (clients, servers, the schema) and returns a starter for two servers `a` and `b`
 * with enforced access, sharing a fresh PostgreSQL schema and a Redis prefix no other run uses, as
 * two processes of a deployment would. Call at the top of the file; gate the tests on
 * `servicesAvailable('postgres', 'redis')`.
 */
export function twoServersSharingState(): (extraEnv?: Record<string, string>) => Promise<{ a: TestServer; b: TestServer }> {
  let schema: TestSchema | undefined;
  afterAll(async () => {
    destroyAllClients();
    await stopAllTestServers();
    await schema?.drop();
  });
  return async (extraEnv = {}) => {
    schema = await createTestSchema();
    const env = { ...schema.env, REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix(), LOGIN_ATTEMPTS_PER_MINUTE: '1000', ...extraEnv };
    const a = await startTestServer({ serveClient: false, access: 'enforced', env });
    const b = await startTestServer({ serveClient: false, access: 'enforced', env });
    return { a, b };
  };
}
