import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { DocStore } from '../store/docStore.ts';
import { localBus, type DocBus } from './docBus.ts';

/** The bus the configuration asks for: Redis fan-out with REDIS_URL, none without. */
export async function createDocBus(config: Config, store: DocStore, log: Logger, onLag?: (seconds: number) => void): Promise<DocBus> {
  if (!config.redisUrl) return localBus;
  // Loaded only when configured: a single process never pays for the Redis client.
  const { RedisDocBus } = await import('./redisBus.ts');
  return new RedisDocBus({ url: config.redisUrl, prefix: config.redisPrefix, store, log: log.child({ component: 'redis-bus' }), onLag });
}
