/**
 * Bench launcher: Hocuspocus 3.4 with its SQLite extension (the configuration its docs show),
 * database file in BENCH_DATA_DIR. Default debounce (2 s, max 10 s) for storing.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const require = createRequire(import.meta.url);
const { startMonitor, announceReady } = require('./monitor.cjs');

startMonitor();
const dataDir = process.env.BENCH_DATA_DIR ?? '.';
const server = new Server({
  port: Number(process.env.PORT || 0),
  address: '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database: path.join(dataDir, 'hocuspocus.sqlite') })],
});
await server.listen();
announceReady(server.httpServer.address().port);
process.once('SIGTERM', () => void server.destroy().finally(() => process.exit(0)));
