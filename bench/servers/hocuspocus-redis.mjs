/**
 * Bench launcher: Hocuspocus 3.4 scaled out the way its documentation shows, the configuration a
 * team would pick instead of Quorum on PostgreSQL + Redis: @hocuspocus/extension-redis between the
 * processes, and @hocuspocus/extension-database storing each document's state in a PostgreSQL table
 * (one row per document, bytea), in the schema the bench made for this start (DATABASE_SCHEMA).
 * The bench starts two of these processes; clients alternate between them.
 */
import { createRequire } from 'node:module';
import { Server } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { startMonitor, announceReady } = require('./monitor.cjs');

startMonitor();
const schema = process.env.DATABASE_SCHEMA;
if (!schema || !/^\w+$/.test(schema)) throw new Error('DATABASE_SCHEMA (a plain identifier) is required');
const table = `"${schema}".hocuspocus_documents`;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`create schema if not exists "${schema}"`);
await pool.query(`create table if not exists ${table} (name text primary key, data bytea not null)`);

const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const server = new Server({
  port: Number(process.env.PORT || 0),
  address: '127.0.0.1',
  quiet: true,
  extensions: [
    new Redis({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379), prefix: process.env.REDIS_PREFIX ?? 'hocuspocus-bench' }),
    new Database({
      fetch: async ({ documentName }) => (await pool.query(`select data from ${table} where name = $1`, [documentName])).rows[0]?.data ?? null,
      store: async ({ documentName, state }) => {
        await pool.query(`insert into ${table} (name, data) values ($1, $2) on conflict (name) do update set data = excluded.data`, [documentName, state]);
      },
    }),
  ],
});
await server.listen();
announceReady(server.httpServer.address().port);
process.once('SIGTERM', () => void server.destroy().finally(() => pool.end()).finally(() => process.exit(0)));
