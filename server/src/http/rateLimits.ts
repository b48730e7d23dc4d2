import { createRequire } from 'node:module';
import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { HttpError } from './errors.ts';

// The Redis client is loaded only when REDIS_URL is set (a single process never pays its ~13 MB);
// required, not imported, so that the constructor stays synchronous.
const require = createRequire(import.meta.url);
const loadRedis = () => (require('ioredis') as typeof import('ioredis')).Redis;
// The package's index loads all of its ~30 limiters (Mongo, MySQL, DynamoDB...); these files are
// the three used here. The same files the index would load, so `instanceof RateLimiterRes` holds.
type Limiters = typeof import('rate-limiter-flexible');
const RateLimiterMemory = require('rate-limiter-flexible/lib/RateLimiterMemory.js') as Limiters['RateLimiterMemory'];
const RateLimiterRes = require('rate-limiter-flexible/lib/RateLimiterRes.js') as Limiters['RateLimiterRes'];
const loadRateLimiterRedis = () => require('rate-limiter-flexible/lib/RateLimiterRedis.js') as Limiters['RateLimiterRedis'];

/** How long an attempt made before Redis first answered waits for it (then it is counted in memory). */
const FIRST_CONNECTION_WAIT_MS = 2_000;

/** One limit on attempts (log-in, sign-up, invite acceptance), counted per client address. */
export interface AttemptLimiter {
  middleware: RequestHandler;
}

/**
 * Attempt limits shared by every process of a deployment: with REDIS_URL the counters live in
 * Redis (rate-limiter-flexible), so N processes allow the limit once, not N times; without it, in
 * this process's memory. If Redis is unreachable the process counts in memory meanwhile (the
 * insurance limiter) rather than refusing every log-in or letting every attempt through.
 */
export class AttemptLimits {
  private readonly redis: Redis | null;
  /** Resolves once Redis first answers (or after a short wait): attempts made while a process starts are shared too. */
  private readonly firstConnection: Promise<void>;

  constructor(private readonly config: Pick<Config, 'redisUrl' | 'redisPrefix'>, private readonly log: Logger) {
    // No offline queue: while Redis is down a command fails at once and the insurance limiter counts.
    this.redis = config.redisUrl ? new (loadRedis())(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(100 * n, 2_000) }) : null;
    this.redis?.on('error', (error: Error) => this.log.debug({ err: error }, 'rate-limit redis error'));
    const redis = this.redis;
    this.firstConnection = redis
      ? new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, FIRST_CONNECTION_WAIT_MS);
          timer.unref();
          redis.once('ready', () => {
            clearTimeout(timer);
            resolve();
          });
        })
      : Promise.resolve();
  }

  /** `max` attempts per `windowSeconds` for each client address, under `name`. */
  limiter(name: string, max: number, windowSeconds: number): AttemptLimiter {
    const memory = new RateLimiterMemory({ points: max, duration: windowSeconds });
    const limiter: RateLimiterAbstract = this.redis
      ? new (loadRateLimiterRedis())({ storeClient: this.redis, keyPrefix: `${this.config.redisPrefix}attempts:${name}`, points: max, duration: windowSeconds, insuranceLimiter: memory })
      : memory;
    const middleware: RequestHandler = (req, res, next) => {
      this.firstConnection.then(() => limiter.consume(clientKey(req))).then(
        () => next(),
        (rejection: unknown) => {
          if (!(rejection instanceof RateLimiterRes)) return next(rejection);
          res.setHeader('Retry-After', String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
          next(new HttpError(429, 'rate_limited', 'too many attempts; try again later'));
        },
      );
    };
    return { middleware };
  }

  async close(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

/** `req.ip` honours X-Forwarded-For only from the configured trusted proxy (TRUST_PROXY). */
const clientKey = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
