import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log.ts';
import type { SqlDatabase } from './database.ts';
import { migrateToLatest } from './migrations.ts';
import { MergeThread } from '../store/mergeThread.ts';
import type { Database } from './schema.ts';

export interface PostgresOptions {
  /** `postgres://user@host:5432/db` */
  url: string;
  /**
   * Schema holding Quorum's tables (created if missing); `public` when unset. Lets several
   * deployments, or parallel test runs, share one database without seeing each other.
   */
  schema?: string;
  /** Connections per process. */
  poolSize?: number;
  log?: Logger;
}

const INT8_OID = 20;

/**
 * Every bigint column Quorum has holds a millisecond timestamp, a count or a log id: all far below
 * 2^53, so they are handed out as numbers (as SQLite does) instead of pg's default strings.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a PostgreSQL pool behind the same Kysely layer as SQLite and migrates it. Idle pool
 * clients that lose their server emit 'error'; that is logged, never fatal: the next query
 * reconnects, and until then writes fail and are retried by the rooms.
 */
export async function openPostgresDatabase(options: PostgresOptions): Promise<SqlDatabase> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    connectionTimeoutMillis: 5_000,
    // A stalled server must not hold a write forever: the room's retry loop takes over.
    query_timeout: 30_000,
    // `public` stays on the path after the schema: extensions (pg_trgm) live there once per database.
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  pool.on('error', (error) => options.log?.warn({ err: error }, 'idle PostgreSQL connection failed'));
  if (schema) await pool.query(`create schema if not exists "${schema}"`);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, 'postgres', schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const merges = new MergeThread(options.log);
  return {
    db,
    dialect: 'postgres',
    // Compaction's merge runs on this thread, started on the first compaction (store/mergeThread.ts).
    driver: { dialect: 'postgres', pool, merges },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await merges.close();
      await db.destroy();
    },
  };
}
