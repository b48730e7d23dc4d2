/**
 * Bench launcher: Quorum on SQLite (or PostgreSQL + Redis when the bench passes DATABASE_URL and
 * REDIS_URL), with open access (no accounts, like tests/helpers/testServer.ts)
 * so the bench measures the sync engine, not log-in. DATA_DIR comes from BENCH_DATA_DIR; every
 * other setting is Quorum's production default except two limits the load generator would trip
 * over: the per-connection message rate (a join storm's sync messages) and the connections per
 * client address (every bench client comes from 127.0.0.1).
 *
 * The bench runs it compiled like the production server (bench/lib/compile.ts: esbuild, the same
 * options as scripts/serverBuild.mjs), not through tsx.
 */
import { createQuorumServer } from '../../server/src/app.ts';
import { parseConfig } from '../../server/src/config.ts';
import { createLogger } from '../../server/src/log.ts';
import type { Authorize } from '../../server/src/ws/upgrade.ts';
import { announceReady, startMonitor } from './monitor.cjs';

const openAccess: Authorize = async () => ({ ok: true, access: { userId: null, userName: null, meetingId: null, role: null, readOnly: false } });

startMonitor();
const env: Record<string, string> = {
  PORT: process.env.PORT ?? '0',
  HOST: '127.0.0.1',
  DATA_DIR: process.env.BENCH_DATA_DIR ?? './bench-data',
  LOG_LEVEL: 'silent',
  MAX_MESSAGES_PER_SECOND: '1000',
  MAX_CONNECTIONS_PER_IP: '100000',
};
for (const key of ['DATABASE_URL', 'DATABASE_SCHEMA', 'REDIS_URL', 'REDIS_PREFIX']) if (process.env[key]) env[key] = process.env[key]!;
const config = parseConfig(env);
config.clientDir = undefined;
const server = await createQuorumServer({ config, log: createLogger(config.logLevel), authorize: openAccess });
const port = await server.listen();
announceReady(port);
const stop = () => void server.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
