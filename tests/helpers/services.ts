import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The real PostgreSQL and Redis for cluster tests. Each test run gets its own PostgreSQL schema
 * and Redis channel prefix, so parallel runs (other engineers, CI shards) never see each other.
 * When a service is unreachable the tests skip with a message, except under CI=true, where a
 * missing service is a failure (a green CI run must have exercised them).
 */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redisReachable(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    });
  });
}

/**
 * True when every named service answers. Logs a visible skip message otherwise, and throws under
 * CI=true. Call at the top of a test file and pass the result to `describe.skipIf(!ok)`.
 */
export async function servicesAvailable(...needed: Array<'postgres' | 'redis'>): Promise<boolean> {
  const missing: string[] = [];
  if (needed.includes('postgres') && !(await postgresReachable())) missing.push(`PostgreSQL at ${POSTGRES_URL}`);
  if (needed.includes('redis') && !(await redisReachable())) missing.push(`Redis at ${REDIS_URL}`);
  if (missing.length === 0) return true;
  const message = `unreachable: ${missing.join(', ')}`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: these tests must run)`);
  console.warn(`\n  SKIPPING cluster tests: ${message}\n`);
  return false;
}

const uniqueSuffix = () => `${process.pid}_${randomBytes(4).toString('hex')}`;

export interface TestSchema {
  schema: string;
  /** Environment for a Quorum server using this schema. */
  env: { DATABASE_URL: string; DATABASE_SCHEMA: string };
  /** A plain pg client on the schema, for white-box checks. */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** Creates a uniquely named, empty schema; `drop()` removes it with everything in it. */
export async function createTestSchema(): Promise<TestSchema> {
  const schema = `qtest_${uniqueSuffix()}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  // Extensions are per database, not per schema: install them once in public (which stays on the
  // server's search_path), so no test schema owns one and dropping a schema cannot take it away.
  await admin.query('create extension if not exists pg_trgm with schema public').catch(() => undefined);
  await admin.query(`create schema "${schema}"`);
  await admin.query(`set search_path = "${schema}", public`);
  return {
    schema,
    env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema },
    async query(text, values) {
      return (await admin.query(text, values)).rows;
    },
    async drop() {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

/** A channel prefix no other test run uses. */
export const uniqueRedisPrefix = () => `qtest:${uniqueSuffix()}:`;

/**
 * A TCP proxy in front of Redis or PostgreSQL that a test can cut and restore, to simulate an
 * outage without stopping the services other people's tests share.
 */
export interface CuttableProxy {
  /** The service URL, pointing at the proxy. */
  url: string;
  /** Drops every proxied connection and refuses new ones. */
  cut(): void;
  /** Accepts connections again. */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(serviceUrl: string, defaultPort: number): Promise<CuttableProxy> {
  const target = new URL(serviceUrl);
  const sockets = new Set<net.Socket>();
  let open = true;
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect({ host: target.hostname, port: Number(target.port || defaultPort) });
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const proxied = new URL(serviceUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  const cut = () => {
    open = false;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  return {
    url: proxied.toString(),
    cut,
    restore() {
      open = true;
    },
    close() {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export const startRedisProxy = () => startTcpProxy(REDIS_URL, 6379);
export const startPostgresProxy = () => startTcpProxy(POSTGRES_URL, 5432);
